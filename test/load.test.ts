import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { pageExample } from "./helpers/examples.js";

const BODY = JSON.stringify(pageExample());
const server = createServer((_, response) => {
  response.writeHead(200, { "content-type": "application/json" }).end(BODY);
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

it("2,000 calls at concurrency 100 all succeed, heap growth stays bounded, and the process exits promptly", async () => {
  const child = spawn(process.execPath, ["--expose-gc", "test/fixtures/load-client.mjs", url, "2000", "100"], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exitedAt = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`load client did not exit within 60 s; stderr: ${stderr}`));
    }, 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Date.now());
      else reject(new Error(`load client exited ${code}: ${stderr}`));
    });
  });
  const result = JSON.parse(stdout) as { ok: number; heapGrowth: number; doneAt: number };
  expect(result.ok).toBe(2000);
  expect(result.heapGrowth).toBeLessThan(16 * 1024 * 1024);
  // No timer or socket keeps the process alive: it ends right after its last call.
  expect(exitedAt - result.doneAt).toBeLessThan(1_500);
}, 90_000);
