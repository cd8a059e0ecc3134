/** The `roma-fdi` command: runs one command line and returns its exit code. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { RomaAuth } from "../auth/credentials.js";
import { createRomaClient } from "../client.js";
import { RomaError, RomaInputError } from "../errors.js";
import { parseTaskDetail } from "../task-detail.js";
import type { TaskDetail } from "../../generated/schema.js";
import { EXIT, HELP, parseCommand, UsageError, type TaskShowCommand } from "./args.js";
import { renderTaskSummary } from "./summary.js";

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  fetch?: (request: Request) => Promise<Response>;
}

/** Runs the CLI with the given arguments and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommand(argv, io.env);
    if (command.kind === "help") {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (command.kind === "version") {
      io.stdout(`${readVersion()}\n`);
      return EXIT.ok;
    }
    return await showTask(command, io);
  } catch (error) {
    io.stderr(`roma-fdi: ${describeFailure(error)}\n`);
    return exitCodeFor(error);
  }
}

async function showTask(command: TaskShowCommand, io: CliIo): Promise<number> {
  const auth = authFrom(command);
  const client = createRomaClient({
    ...(command.endpoint !== undefined ? { endpoint: command.endpoint } : {}),
    ...(command.region !== undefined ? { region: command.region } : {}),
    ...(command.projectId !== undefined ? { projectId: command.projectId } : {}),
    ...(command.timeoutMs !== undefined ? { timeoutMs: command.timeoutMs } : {}),
    ...(command.retries !== undefined ? { retries: command.retries } : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    auth,
  });
  const body = await client.getTask({ instanceId: command.instanceId, taskId: command.taskId });
  let detail: TaskDetail | undefined;
  let detailProblem: string | undefined;
  if (typeof body.task_detail === "string") {
    try {
      detail = parseTaskDetail(body.task_detail);
    } catch (error) {
      detailProblem = (error as Error).message;
    }
  } else {
    detailProblem = "the answer has no task_detail";
  }
  if (command.json) {
    io.stdout(`${JSON.stringify(detail ? { ...body, task_detail: detail } : body, null, 2)}\n`);
    if (detailProblem && body.task_detail !== undefined) io.stderr(`roma-fdi: warning: ${detailProblem}; task_detail left as a string\n`);
  } else {
    io.stdout(`${renderTaskSummary(body, detail, detailProblem)}\n`);
  }
  return EXIT.ok;
}

/** Picks the credentials: an AK/SK pair when one is given, else the token. */
function authFrom(command: TaskShowCommand): RomaAuth {
  if (command.accessKey !== undefined || command.secretKey !== undefined) {
    return {
      accessKey: command.accessKey ?? "",
      secretKey: command.secretKey ?? "",
      ...(command.securityToken !== undefined ? { securityToken: command.securityToken } : {}),
    };
  }
  if (command.token !== undefined) return { token: command.token };
  throw new RomaInputError("credentials", "are required: set ROMA_TOKEN, or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or pass --token, or --ak and --sk)");
}

/** Maps an error to the CLI's exit code. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.input;
  if (!(error instanceof RomaError)) return EXIT.unexpected;
  switch (error.kind) {
    case "input":
      return EXIT.input;
    case "api":
    case "response":
      return EXIT.api;
    case "network":
    case "timeout":
      return EXIT.network;
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof UsageError) return `${error.message} (see roma-fdi --help)`;
  if (error instanceof RomaError) return error.message.replace(/\s+/g, " ");
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`.replace(/\s+/g, " ");
}

// Resolved through the package's own name ("exports" has "./package.json"), not
// a path relative to this file: src/cli/ and dist/src/cli/ sit at different depths.
function readVersion(): string {
  const path = createRequire(import.meta.url).resolve("roma-fdi/package.json");
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}
