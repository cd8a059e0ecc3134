// The built roma-fdi binary when its output cannot be written. Found in
// review: `roma-fdi … --json | head -c 10` ended with an unhandled EPIPE stack
// trace, and a full disk did the same with ENOSPC. `npm test` builds dist/
// before vitest runs.
import { spawn, type StdioOptions } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { afterEach, describe, expect, inject, it } from "vitest";
import { guardOutput } from "../src/cli/output.js";
import { IDS } from "./helpers/examples.js";

const BIN = "dist/src/cli/bin.js";
const SHOW = ["task", "show", "--instance-id", IDS.instanceId, "--task-id", IDS.taskId, "--project-id", IDS.projectId, "--retries", "0"];

const opened: number[] = [];
afterEach(() => {
  for (const fd of opened.splice(0)) closeSync(fd);
});

/**
 * Runs the binary. With `closeStdout`, the read end of its stdout pipe is
 * closed before the program can write (as `| head` does once it has read
 * enough); `stdout`/`stderr` may instead be file descriptors to write to.
 */
function runBin(args: string[], options: { closeStdout?: boolean; stdout?: number; stderr?: number; env?: Record<string, string> } = {}) {
  const stdio: StdioOptions = ["ignore", options.stdout ?? "pipe", options.stderr ?? "pipe"];
  const child = spawn(process.execPath, [BIN, ...args], { stdio, env: { ...process.env, ROMA_TOKEN: "bin-token", ...options.env } });
  if (options.closeStdout) child.stdout?.destroy();
  let stdout = "";
  let stderr = "";
  if (!options.closeStdout) child.stdout?.on("data", (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function devFull(): number {
  const fd = openSync("/dev/full", "w");
  opened.push(fd);
  return fd;
}

describe("roma-fdi when stdout goes away", () => {
  it("the binary is built", () => {
    expect(existsSync(BIN)).toBe(true);
  });

  it("--help into a closed pipe: quiet, exit 0", async () => {
    expect(await runBin(["--help"], { closeStdout: true })).toEqual({ code: 0, signal: null, stdout: "", stderr: "" });
  });

  it("task show --json into a closed pipe: quiet, exit 0", async () => {
    const result = await runBin([...SHOW, "--endpoint", inject("prismUrl"), "--json"], { closeStdout: true });
    expect(result).toEqual({ code: 0, signal: null, stdout: "", stderr: "" });
  });

  it("a failing command into a closed pipe keeps its own exit code and message", async () => {
    const result = await runBin([...SHOW, "--endpoint", "http://127.0.0.1:1"], { closeStdout: true });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^roma-fdi: GET http:\/\/127\.0\.0\.1:1\/\S+ could not be completed: [^\n]+\n$/);
  });
});

describe("roma-fdi when output cannot be written", () => {
  it("stdout on a full device: one line on stderr, exit 1", async () => {
    const result = await runBin(["--help"], { stdout: devFull() });
    expect(result).toEqual({ code: 1, signal: null, stdout: "", stderr: "roma-fdi: could not write to stdout (ENOSPC)\n" });
  });

  it("stdout on a full device for task show: one line on stderr, exit 1", async () => {
    const result = await runBin([...SHOW, "--endpoint", inject("prismUrl")], { stdout: devFull() });
    expect(result).toEqual({ code: 1, signal: null, stdout: "", stderr: "roma-fdi: could not write to stdout (ENOSPC)\n" });
  });

  it("stderr on a full device: exit 1, not the command's code", async () => {
    // The usage error would exit 2; its message cannot be written.
    const result = await runBin(["task", "show", "--nope"], { stderr: devFull() });
    expect(result).toMatchObject({ code: 1, signal: null, stdout: "" });
  });
});

describe("guardOutput", () => {
  /** A stream double: records writes, and emits the errors a test raises. */
  function stream() {
    const written: string[] = [];
    let listener: ((error: NodeJS.ErrnoException) => void) | undefined;
    return {
      written,
      write: (text: string) => void written.push(text),
      on: (_event: "error", handler: (error: NodeJS.ErrnoException) => void) => void (listener = handler),
      fail: (code: string) => listener?.(Object.assign(new Error(`${code}: failed`), { code })),
    };
  }

  it("a closed stdout pipe drops later output and keeps the command's code", () => {
    const out = stream();
    const err = stream();
    let failures = 0;
    const guard = guardOutput(out, err, () => void failures++);
    guard.stdout("a");
    out.fail("EPIPE");
    guard.stdout("b");
    expect({ written: out.written, errors: err.written, failures, code: guard.exitCode(3) }).toEqual({ written: ["a"], errors: [], failures: 0, code: 3 });
  });

  it("another stdout error is reported once, and the code becomes 1", () => {
    const out = stream();
    const err = stream();
    let failures = 0;
    const guard = guardOutput(out, err, () => void failures++);
    out.fail("EIO");
    out.fail("ERR_STREAM_DESTROYED");
    guard.stdout("x");
    expect({ written: out.written, errors: err.written, failures, code: guard.exitCode(0) }).toEqual({
      written: [],
      errors: ["roma-fdi: could not write to stdout (EIO)\n"],
      failures: 1,
      code: 1,
    });
  });

  it("a stderr error makes the code 1 and stops writes to stderr; a closed stderr pipe does not change the code", () => {
    const broken = stream();
    const full = guardOutput(stream(), broken, () => undefined);
    broken.fail("ENOSPC");
    full.stderr("late");
    expect({ written: broken.written, code: full.exitCode(2) }).toEqual({ written: [], code: 1 });

    const closed = stream();
    const piped = guardOutput(stream(), closed, () => undefined);
    closed.fail("EPIPE");
    piped.stderr("late");
    expect({ written: closed.written, code: piped.exitCode(2) }).toEqual({ written: [], code: 2 });
  });
});
