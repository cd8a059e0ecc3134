/** Runs the roma-fdi CLI in-process with an injected fetch and captures what it prints. */
import { runCli } from "../../src/cli/run.js";
import { IDS } from "./examples.js";

/** Result of one in-process CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `roma-fdi ARGS` with the given environment (default: a token) and fetch. */
export async function cli(
  args: readonly string[],
  options: { env?: Record<string, string>; fetch?: (request: Request) => Promise<Response> } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: options.env ?? { ROMA_TOKEN: "cli-token" },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { code, stdout, stderr };
}

/** A complete `task show` command line against a fake endpoint, without retries. */
export const SHOW = [
  "task", "show",
  "--instance-id", IDS.instanceId,
  "--task-id", IDS.taskId,
  "--project-id", IDS.projectId,
  "--endpoint", "https://roma.example.test",
  "--retries", "0",
] as const;

/** Asserts that stderr holds exactly one line, prefixed `roma-fdi: `. */
export function isOneErrorLine(stderr: string): boolean {
  return stderr.startsWith("roma-fdi: ") && stderr.endsWith("\n") && stderr.indexOf("\n") === stderr.length - 1 && !stderr.includes("\r");
}

/** Characters a terminal may act on: C0/C1 controls, DEL and bidirectional-text controls. */
export const TERMINAL_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
