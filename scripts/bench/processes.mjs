// Spawning the benchmark's child processes: the server and the measuring children.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { PROJECT_ROOT } from "../lib/project.mjs";

const HERE = join(PROJECT_ROOT, "scripts/bench");

/**
 * Runs `node [nodeArgs] scripts/bench/<script> <JSON of input>` and resolves
 * to the JSON object its last stdout line holds. Its stderr goes to ours (it
 * explains skipped contenders and errors). Rejects when it exits with an error.
 */
export async function runJsonChild(script, input, { nodeArgs = [] } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, join(HERE, script), JSON.stringify(input)], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
  const [code, signal] = await once(child, "close"); // "close": stdout fully read
  if (code !== 0) throw new Error(`${script} failed (${signal ?? `exit ${code}`}); its error is printed above`);
  const last = stdout.trim().split("\n").at(-1);
  return JSON.parse(last ?? "null");
}

/**
 * Starts the benchmark server (scripts/bench/server.mjs) in its own process.
 * Resolves to `{ url, bodyBytes, stop }` once it listens.
 */
export async function startBenchServer() {
  const child = spawn(process.execPath, [join(HERE, "server.mjs")], {
    cwd: PROJECT_ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, "exit");
  const first = await Promise.race([
    once(lines, "line").then(([line]) => line),
    exited.then(([code]) => {
      throw new Error(`benchmark server exited (${code}) before listening`);
    }),
  ]);
  const { url, bodyBytes } = JSON.parse(first);
  return {
    url,
    bodyBytes,
    async stop() {
      if (child.exitCode !== null) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGTERM"), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
