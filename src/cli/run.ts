/** The `roma-fdi` command: runs one command line and returns its exit code. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createRomaClient } from "../client.js";
import { RomaError, RomaInputError } from "../errors.js";
import { EXIT, HELP, parseCommand, UsageError, type TaskShowCommand } from "./args.js";
import { readTaskDetail } from "./detail.js";
import { describeFailure, isCliSetting, UnusableAnswerError, type FailureContext } from "./failure.js";
import { renderTaskSummary } from "./summary.js";
import { jsonTerminalSafe, oneSafeLine } from "./terminal-text.js";

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  fetch?: (request: Request) => Promise<Response>;
}

/** Runs the CLI with the given arguments and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const context: FailureContext = {};
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
    context.sources = command.sources;
    context.secrets = command.secrets;
    return await showTask(command, io);
  } catch (error) {
    io.stderr(describeFailure(error, context));
    return exitCodeFor(error);
  }
}

async function showTask(command: TaskShowCommand, io: CliIo): Promise<number> {
  const client = createRomaClient({
    ...(command.endpoint !== undefined ? { endpoint: command.endpoint } : {}),
    ...(command.region !== undefined ? { region: command.region } : {}),
    projectId: command.projectId,
    ...(command.timeoutMs !== undefined ? { timeoutMs: command.timeoutMs } : {}),
    ...(command.retries !== undefined ? { retries: command.retries } : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    auth: command.auth,
  });
  const body = await client.getTask({ instanceId: command.instanceId, taskId: command.taskId });
  // The library checks that a 2xx body is a JSON object; one without a task
  // object is not worth a summary of dashes.
  const task: unknown = body.task;
  if (typeof task !== "object" || task === null || Array.isArray(task)) throw new UnusableAnswerError("the answer holds no task");
  const { detail, problem, mismatch } = readTaskDetail(body.task_detail);
  if (command.json) {
    io.stdout(`${jsonTerminalSafe(JSON.stringify(detail === undefined ? body : { ...body, task_detail: detail }, null, 2))}\n`);
  } else {
    io.stdout(`${renderTaskSummary(body, detail, problem)}\n`);
  }
  if (mismatch !== undefined) {
    io.stderr(`roma-fdi: warning: ${oneSafeLine(`task_detail does not match the spec (${mismatch}); shown as far as possible`)}\n`);
  } else if (command.json && problem !== undefined && typeof body.task_detail === "string") {
    io.stderr(`roma-fdi: warning: ${oneSafeLine(problem)}; task_detail left as a string\n`);
  }
  return EXIT.ok;
}

/** Maps an error to the CLI's exit code. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.input;
  if (error instanceof UnusableAnswerError) return EXIT.api;
  if (!(error instanceof RomaError)) return EXIT.unexpected;
  switch (error.kind) {
    case "input":
      return error instanceof RomaInputError && !isCliSetting(error.field) ? EXIT.unexpected : EXIT.input;
    case "api":
    case "response":
      return EXIT.api;
    case "network":
    case "timeout":
      return EXIT.network;
  }
}

// Resolved through the package's own name ("exports" has "./package.json"), not
// a path relative to this file: src/cli/ and dist/src/cli/ sit at different depths.
function readVersion(): string {
  const path = createRequire(import.meta.url).resolve("roma-fdi/package.json");
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}
