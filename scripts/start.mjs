#!/usr/bin/env node
// `npm start`: the product end to end. Starts the mock on a free port, runs
// `roma-fdi task show` (the built CLI, the same client code that talks to the
// cloud) for the reference example's IDs, prints its output, stops the mock.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "./lib/project.mjs";
import { startPrism } from "./lib/prism.mjs";

const EXAMPLE = {
  projectId: "c53626012ba84727b938ca8bf03108ef",
  instanceId: "fae7ff6c-8e07-4cf8-9e67-589cab2f017c",
  taskId: "15366328208d4d77b76532fe9f4006a6",
};

const mock = await startPrism();
// However this script ends (Ctrl-C, kill, a crash), the mock must not outlive it.
process.once("exit", () => mock.kill());
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => {
    mock.kill();
    process.exit(130);
  });
}
console.log(`mock started on ${mock.url}\n$ roma-fdi task show --instance-id ${EXAMPLE.instanceId} --task-id ${EXAMPLE.taskId} --project-id ${EXAMPLE.projectId} --endpoint ${mock.url}\n`);
let code = 1;
try {
  code = await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(PROJECT_ROOT, "dist/src/cli/bin.js"),
        "task", "show",
        "--instance-id", EXAMPLE.instanceId,
        "--task-id", EXAMPLE.taskId,
        "--project-id", EXAMPLE.projectId,
        "--endpoint", mock.url,
      ],
      // The mock accepts any token; a real one comes from the environment the same way.
      { stdio: "inherit", env: { ...process.env, ROMA_TOKEN: "mock-token" } },
    );
    child.on("error", reject);
    child.on("exit", (exitCode) => resolve(exitCode ?? 1));
  });
} finally {
  await mock.stop();
}
console.log(`\nmock stopped; roma-fdi exited with ${code}`);
process.exitCode = code;
