// Starts and stops a Prism mock of the bundled spec. Used by `npm run mock`,
// `npm start` and the contract tests, so all three serve the same thing.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { PROJECT_ROOT } from "./project.mjs";

const PRISM_CLI = join(PROJECT_ROOT, "node_modules/@stoplight/prism-cli/dist/index.js");
const SPEC = join(PROJECT_ROOT, "generated/openapi.json");
// Prism logs every request; a long-running mock keeps only the latest lines.
const KEPT_OUTPUT_LINES = 200;

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

/** The error for a port another process listens on; `code` is `EADDRINUSE`. */
export function portInUseError(port, host) {
  return Object.assign(new Error(`port ${port} on ${host} is already in use`), { code: "EADDRINUSE", port, host });
}

/**
 * Resolves when `port` on `host` can be listened on (by briefly listening on
 * it); rejects with {@link portInUseError} when it is taken, or with the
 * listen error (EACCES…) otherwise.
 */
export function checkPortFree(port, host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", (error) => reject(error.code === "EADDRINUSE" ? portInUseError(port, host) : error));
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/**
 * Starts Prism on 127.0.0.1:`port` and resolves once it listens.
 * Returns `{ url, port, pid, output, exited, kill, stop }`: `stop()` ends the
 * process and waits for it; `kill()` only sends the signal, for `exit`
 * handlers that cannot wait; `exited` resolves when Prism ends for any reason.
 * Rejects with {@link portInUseError} when Prism finds its port taken, and
 * with `signal.reason` (after killing Prism) when `signal` aborts the start.
 * Prism answers with the spec's first named example unless asked otherwise
 * (`Prefer: example=NAME`, `Prefer: code=404`), so answers are deterministic.
 */
export async function startPrism({ port, host = "127.0.0.1", onLine, timeoutMs = 60_000, signal } = {}) {
  signal?.throwIfAborted();
  const chosenPort = port ?? (await findFreePort());
  const child = spawn(process.execPath, [PRISM_CLI, "mock", SPEC, "--host", host, "--port", String(chosenPort)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1", FORCE_COLOR: "0", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = [];
  let exited = false;
  const exitPromise = new Promise((resolve) => child.once("exit", (code, exitSignal) => {
    exited = true;
    resolve({ code, signal: exitSignal });
  }));
  const url = `http://${host}:${chosenPort}`;
  const kill = (killSignal = "SIGTERM") => {
    if (!exited) child.kill(killSignal);
  };

  let onAbort;
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`Prism did not start within ${timeoutMs} ms:\n${output.join("\n")}`)), timeoutMs);
      const fail = (error) => {
        clearTimeout(timer);
        kill();
        reject(error);
      };
      onAbort = () => fail(signal.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      let listening = false;
      const onData = (chunk) => {
        for (const line of chunk.toString().split(/\r?\n/)) {
          if (!line.trim()) continue;
          output.push(line);
          if (output.length > KEPT_OUTPUT_LINES) output.shift();
          onLine?.(line);
          if (!listening && /Prism is listening/i.test(line)) {
            listening = true;
            clearTimeout(timer);
            resolve();
          }
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      exitPromise.then(({ code, signal: exitSignal }) => {
        // Prism prints its whole usage text before the listen error; only the cause matters.
        if (output.some((line) => /\bEADDRINUSE\b/.test(line))) fail(portInUseError(chosenPort, host));
        else fail(new Error(`Prism exited (${code ?? exitSignal}) before listening:\n${output.join("\n")}`));
      });
    });
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }

  return {
    url,
    port: chosenPort,
    pid: child.pid,
    output,
    exited: exitPromise,
    kill,
    async stop() {
      kill();
      const timer = setTimeout(() => kill("SIGKILL"), 5_000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}
