// Starts and stops a Prism mock of the bundled spec. Used by `npm run mock`,
// `npm start` and the contract tests, so all three serve the same thing.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { PROJECT_ROOT } from "./project.mjs";

const PRISM_CLI = join(PROJECT_ROOT, "node_modules/@stoplight/prism-cli/dist/index.js");
const SPEC = join(PROJECT_ROOT, "generated/openapi.json");

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Prism on 127.0.0.1:`port` and resolves once it listens.
 * Returns `{ url, port, stop, output }`; `stop()` ends the process and waits for it.
 * Prism answers with the spec's first named example unless asked otherwise
 * (`Prefer: example=NAME`, `Prefer: code=404`), so answers are deterministic.
 */
export async function startPrism({ port, host = "127.0.0.1", onLine, timeoutMs = 60_000 } = {}) {
  const chosenPort = port ?? (await findFreePort());
  const child = spawn(process.execPath, [PRISM_CLI, "mock", SPEC, "--host", host, "--port", String(chosenPort)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1", FORCE_COLOR: "0", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = [];
  let exited = false;
  const exitPromise = new Promise((resolve) => child.once("exit", (code, signal) => {
    exited = true;
    resolve({ code, signal });
  }));
  const url = `http://${host}:${chosenPort}`;

  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Prism did not start within ${timeoutMs} ms:\n${output.join("\n")}`)), timeoutMs);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill("SIGTERM");
      reject(error);
    };
    const onData = (chunk) => {
      for (const line of chunk.toString().split(/\r?\n/)) {
        if (!line.trim()) continue;
        output.push(line);
        onLine?.(line);
        if (/Prism is listening/i.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    exitPromise.then(({ code, signal }) => fail(new Error(`Prism exited (${code ?? signal}) before listening:\n${output.join("\n")}`)));
  });

  return {
    url,
    port: chosenPort,
    output,
    async stop() {
      if (!exited) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}
