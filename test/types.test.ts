// Type tests: checked by `tsc` (npm run typecheck) and by vitest's expectTypeOf.
import { describe, expectTypeOf, it } from "vitest";
import {
  createRomaClient,
  isRomaError,
  type AnyRomaError,
  parseTaskDetail,
  type ColumnMapping,
  type RomaClient,
  type ShowTaskResponse,
  type Task,
  type TaskDetail,
  type TaskStatus,
} from "roma-fdi";

describe("public types", () => {
  it("getTask resolves to the typed body, task_detail as a string", () => {
    expectTypeOf<RomaClient["getTask"]>().returns.resolves.toEqualTypeOf<ShowTaskResponse>();
    expectTypeOf<ShowTaskResponse["task_detail"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<ShowTaskResponse["task"]>>().toEqualTypeOf<Task>();
  });

  it("snake_case fields of the task are typed", () => {
    expectTypeOf<Task["created_date"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Task["repulling_snapshot"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Task["task_name"]>().toEqualTypeOf<string | undefined>();
  });

  it("enums offer the known values yet accept new ones", () => {
    expectTypeOf<"running">().toMatchTypeOf<TaskStatus>();
    expectTypeOf<"stop">().toMatchTypeOf<TaskStatus>();
    expectTypeOf<"paused-by-future-server">().toMatchTypeOf<TaskStatus>();
  });

  it("isRomaError narrows, so that checking kind reaches the subclass's fields", () => {
    const error: unknown = new Error("x");
    if (isRomaError(error) && error.kind === "api") expectTypeOf(error.status).toEqualTypeOf<number>();
    if (isRomaError(error) && error.kind === "timeout") expectTypeOf(error.timeoutMs).toEqualTypeOf<number>();
    expectTypeOf<AnyRomaError["kind"]>().toEqualTypeOf<"api" | "response" | "network" | "timeout" | "input">();
  });

  it("parseTaskDetail returns the camelCase TaskDetail", () => {
    expectTypeOf(parseTaskDetail).returns.toEqualTypeOf<TaskDetail>();
    expectTypeOf<NonNullable<TaskDetail["mappingTable"]>[number]>().toEqualTypeOf<ColumnMapping>();
    expectTypeOf<ColumnMapping["sourceColumn"]>().toEqualTypeOf<string | undefined>();
  });
});

// Lines below must NOT compile; tsc fails if any of them does.
function mustNotCompile(client: RomaClient) {
  // @ts-expect-error taskId is required
  void client.getTask({ instanceId: "i" });
  // @ts-expect-error misspelled parameter
  void client.getTask({ instanceId: "i", task_id: "t" });
  // @ts-expect-error ids are strings
  void client.getTask({ instanceId: "i", taskId: 42 });
  // @ts-expect-error auth is required
  createRomaClient({ endpoint: "https://x.test" });
  // @ts-expect-error unknown auth shape
  createRomaClient({ endpoint: "https://x.test", auth: { password: "p" } });
  // @ts-expect-error timeoutMs is a number
  createRomaClient({ endpoint: "https://x.test", auth: { token: "t" }, timeoutMs: "30s" });
  // @ts-expect-error task_name is a string, not a number
  const wrongType: number | undefined = ({} as Task).task_name;
  void wrongType;
}
void mustNotCompile;
