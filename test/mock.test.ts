// `npm run mock` (scripts/mock.mjs). Found in review: a busy port gave Prism's
// whole help text instead of one line; arguments were read loosely
// ("--port 0x1388" meant 5000, unknown arguments were ignored); and killing
// `npm run mock` left the script and Prism running, because `sh -c` does not
// pass the signal on. Every test stops what it starts.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findFreePort, startPrism } from "../scripts/lib/prism.mjs";

const MOCK = "scripts/mock.mjs";
const SAMPLE = "/v2/c53626012ba84727b938ca8bf03108ef/fdi/instances/fae7ff6c-8e07-4cf8-9e67-589cab2f017c/tasks/15366328208d4d77b76532fe9f4006a6";

interface Started {
  child: ChildProcess;
  /** Process group of the child when it was started detached (it and everything it started). */
  group: number | undefined;
  output: () => string;
  errors: () => string;
  /** Resolves when the process exits. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when it has exited and its output is all read. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Started[] = [];
const blockers: Server[] = [];

afterEach(async () => {
  for (const run of started.splice(0)) {
    if (run.group !== undefined && livingInGroup(run.group).length) process.kill(-run.group, "SIGKILL");
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
    await run.exit;
  }
  await Promise.all(blockers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Starts a command; with `detached`, in a process group of its own so that the test can see what is left of it. */
function start(command: string, args: string[], options: { env?: Record<string, string>; detached?: boolean } = {}): Started {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env || !("PORT" in options.env)) delete env.PORT;
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env, detached: options.detached ?? false });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  const run = { child, group: options.detached ? child.pid : undefined, output: () => stdout, errors: () => stderr, exit, closed };
  started.push(run);
  return run;
}

// Detached, so that whatever a failing test leaves behind can be found and stopped.
const mock = (args: string[], env?: Record<string, string>) => start(process.execPath, [MOCK, ...args], { detached: true, ...(env ? { env } : {}) });

/** Runs the mock to its end (for runs that must fail or print help without starting Prism). */
async function runMock(args: string[], env?: Record<string, string>) {
  const run = mock(args, env);
  const { code } = await run.closed;
  return { code, stdout: run.output(), stderr: run.errors() };
}

/** Waits until `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Pids of the processes of a group that are still running (zombies nobody reaps do not count). */
function livingInGroup(group: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue;
    }
    // Fields after the command name, which is in parentheses and may hold spaces.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === group && state !== "Z") pids.push(Number(name));
  }
  return pids;
}

async function answers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${SAMPLE}`, { headers: { "X-Auth-Token": "t" } });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function occupy(port: number): Promise<void> {
  const server = createServer();
  blockers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
}

const oneLine = (text: string) => text.endsWith("\n") && text.indexOf("\n") === text.length - 1;

describe("mock arguments", () => {
  it.each([["--help"], ["-h"]])("%s prints the usage and starts nothing", async (flag) => {
    const { code, stdout, stderr } = await runMock([flag]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    for (const text of ["--port", "-p", "PORT", "--verbose", "4010", "already in use"]) expect(stdout).toContain(text);
  });

  it.each([
    [["--nope"], /^mock: unknown option '--nope'/],
    [["5000"], /^mock: unexpected argument '5000'/],
    [["--verbose=yes"], /^mock: option '--verbose' does not take a value/],
    [["--port"], /^mock: option '--port' needs a value/],
    [["--port", "--verbose"], /^mock: option '--port' needs a value/],
    [["--port", "0x1388"], /^mock: --port must be a whole number from 1 to 65535, got "0x1388"/],
    [["--port=1e3"], /^mock: --port must be a whole number from 1 to 65535, got "1e3"/],
    [["-p", " 5002"], /^mock: --port must be a whole number from 1 to 65535, got " 5002"/],
    [["--port", "0"], /^mock: --port must be a whole number from 1 to 65535, got "0"/],
    [["--port", "65536"], /^mock: --port must be a whole number from 1 to 65535, got "65536"/],
    [["--port="], /^mock: --port must be a whole number from 1 to 65535, got ""/],
  ])("%j is refused with exit 2 and one line", async (args, message) => {
    const { code, stdout, stderr } = await runMock(args);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toMatch(message);
    expect(oneLine(stderr), stderr).toBe(true);
  });

  it.each(["0x1388", "1e3", " 5002", "abc", "70000", ""])("PORT=%j is refused the same way", async (value) => {
    const { code, stderr } = await runMock([], { PORT: value });
    expect(code).toBe(2);
    expect(stderr).toBe(`mock: PORT must be a whole number from 1 to 65535, got ${JSON.stringify(value)} (see --help)\n`);
  });
});

describe("mock on a busy port", () => {
  type PortChoice = (port: number) => { args: string[]; env?: Record<string, string> };
  it.each<[string, PortChoice]>([
    ["--port N", (port: number) => ({ args: ["--port", String(port)] })],
    ["--port=N", (port: number) => ({ args: [`--port=${port}`] })],
    ["-p N", (port: number) => ({ args: ["-p", String(port)] })],
    ["PORT=N", (port: number) => ({ args: [], env: { PORT: String(port) } })],
    ["--port N over a good PORT", (port: number) => ({ args: ["--port", String(port)], env: { PORT: "1" } })],
  ])("%s: one clear line, exit 1, before Prism starts", async (_, how) => {
    const port = await findFreePort();
    await occupy(port);
    const { args, env } = how(port);
    const startedAt = Date.now();
    const { code, stdout, stderr } = await runMock(args, env);
    expect({ code, stdout, stderr }).toEqual({
      code: 1,
      stdout: "",
      stderr: `mock: port ${port} on 127.0.0.1 is already in use; choose another with --port\n`,
    });
    // Prism takes about a second to start; the check comes first.
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it("startPrism recognises Prism's own EADDRINUSE (the port taken after the check)", async () => {
    const port = await findFreePort();
    await occupy(port);
    const error = await startPrism({ port }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: "EADDRINUSE", message: `port ${port} on 127.0.0.1 is already in use` });
  });
});

describe("mock stops Prism when it is stopped", () => {
  it.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)("%s: stops Prism, says so, exit 0", async (signal) => {
    const port = await findFreePort();
    const run = start(process.execPath, [MOCK, "--port", String(port)], { detached: true });
    await until(() => run.output().includes("ROMA FDI mock listening on"), 30_000, "the mock to listen");
    expect(await answers(port)).toBe(true);
    const group = run.group ?? 0;
    expect(livingInGroup(group).length).toBeGreaterThanOrEqual(2); // the script and Prism
    run.child.kill(signal);
    expect(await run.closed).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain(`mock stopped (${signal})`);
    expect(livingInGroup(group)).toEqual([]);
    expect(await answers(port)).toBe(false);
  });

  it("when its parent goes away (kill -TERM of `npm run mock`'s sh -c): stops Prism and exits", async () => {
    const port = await findFreePort();
    // As npm runs it: a shell that waits for the script and passes no signal on.
    const run = start("/bin/sh", ["-c", `"${process.execPath}" ${MOCK} --port ${port}; echo shell-after-mock`], { detached: true });
    await until(() => run.output().includes("ROMA FDI mock listening on"), 30_000, "the mock to listen");
    const group = run.group ?? 0;
    expect(livingInGroup(group).length).toBeGreaterThanOrEqual(3); // sh, the script and Prism
    run.child.kill("SIGTERM"); // the shell only
    expect(await run.exit).toEqual({ code: null, signal: "SIGTERM" });
    await until(() => livingInGroup(group).length === 0, 15_000, "the script and Prism to exit");
    expect(await answers(port)).toBe(false);
  });

  it("kill -TERM of `npm run mock` itself: nothing is left running", async () => {
    const port = await findFreePort();
    const run = start("npm", ["run", "-s", "mock", "--", "--port", String(port)], { detached: true });
    await until(() => run.output().includes("ROMA FDI mock listening on"), 30_000, "the mock to listen");
    const group = run.group ?? 0;
    expect(livingInGroup(group).length).toBeGreaterThanOrEqual(3); // npm, (sh,) the script and Prism
    run.child.kill("SIGTERM"); // npm only
    await until(() => livingInGroup(group).length === 0, 15_000, "npm, the script and Prism to exit");
    expect(await answers(port)).toBe(false);
  });

  // Found in review: npm's `sh -c` outlives npm, so a mock that watched only
  // its parent (the shell) kept itself and Prism running after these.
  it.each([["KILL", "SIGKILL"], ["HUP", "SIGHUP"]] as const)("kill -%s of `npm run mock` itself: nothing is left running", async (_, signal) => {
    const port = await findFreePort();
    const run = start("npm", ["run", "-s", "mock", "--", "--port", String(port)], { detached: true });
    await until(() => run.output().includes("ROMA FDI mock listening on"), 30_000, "the mock to listen");
    const group = run.group ?? 0;
    expect(livingInGroup(group).length).toBeGreaterThanOrEqual(3); // npm, (sh,) the script and Prism
    run.child.kill(signal); // npm only
    expect(await run.exit).toEqual({ code: null, signal });
    await until(() => livingInGroup(group).length === 0, 15_000, "the shell, the script and Prism to exit");
    expect(await answers(port)).toBe(false);
  });

  it("a signal while Prism is still starting stops it too", async () => {
    const port = await findFreePort();
    const run = mock(["--port", String(port)]);
    const group = run.group ?? 0;
    // Prism's process exists well before it listens (about a second on this machine).
    await until(() => livingInGroup(group).length >= 2, 30_000, "Prism to be started");
    run.child.kill("SIGTERM");
    expect(await run.closed).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain("mock stopped (SIGTERM)");
    expect(livingInGroup(group)).toEqual([]);
  });
});
