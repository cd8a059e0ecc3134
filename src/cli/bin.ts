#!/usr/bin/env node
/** Executable entry of the `roma-fdi` command (package `bin`). */
import { EXIT } from "./args.js";
import { guardOutput } from "./output.js";
import { runCli } from "./run.js";

const output = guardOutput(process.stdout, process.stderr, () => {
  process.exitCode = EXIT.unexpected;
});
const code = await runCli(process.argv.slice(2), { stdout: output.stdout, stderr: output.stderr, env: process.env });
process.exitCode = output.exitCode(code);
