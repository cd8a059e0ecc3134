// The bare client of roma-fdi/generated, as its users call it. Found while
// checking the packed package: openapi-fetch 0.17 passes response data through
// its Readable<T> helper, which turns an open enum (`"timing" | (string & {})`)
// into an object type with string's members, so `data.task` was no longer a
// `Task` and `task_type.toUpperCase()` did not type-check
// (openapi-ts/openapi-typescript#2765). This file must type-check (npm run
// typecheck) as well as pass.
import { describe, expect, inject, it } from "vitest";
import { createGeneratedClient, SHOW_TASK_PATH, type GeneratedClient, type Task, type TaskType } from "../generated/index.js";
import { IDS } from "./helpers/examples.js";

async function readTask(client: GeneratedClient): Promise<{ status: number; task: Task | undefined }> {
  const { data, response } = await client.GET(SHOW_TASK_PATH, {
    params: { path: { project_id: IDS.projectId, instance_id: IDS.instanceId, task_id: IDS.taskId } },
  });
  return { status: response.status, task: data?.task };
}

describe("createGeneratedClient", () => {
  it("types response data with the spec's own types, open enums staying strings", async () => {
    const client = createGeneratedClient({ baseUrl: inject("prismUrl"), headers: { "X-Auth-Token": "any" } });
    const { status, task } = await readTask(client);
    const type: TaskType | undefined = task?.task_type;
    expect({ status, name: task?.task_name, type: type?.toUpperCase() }).toEqual({ status: 200, name: "fdi_task_pzy4m5", type: "TIMING" });
  });
});
