#!/usr/bin/env node
// `npm run mock`: serves the spec with Prism on 127.0.0.1 for frontend teams.
// Stops Prism on Ctrl-C, SIGTERM, SIGHUP, on any error, and when the process
// that started it, or that one's parent, goes away: npm runs the script
// through `sh -c`, which passes no signal on and outlives a killed npm.
// A SIGKILL of this script itself cannot be caught: Prism then stays.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkPortFree, startPrism } from "./lib/prism.mjs";

const HOST = "127.0.0.1";
const DEFAULT_PORT = 4010;
const PARENT_CHECK_MS = 500;
const USAGE = `Usage: npm run mock [-- options]

Serves the ROMA FDI spec's examples with Prism on http://${HOST}:PORT.

Options:
  -p, --port N   port to listen on, 1 to 65535 (default: $PORT, else ${DEFAULT_PORT})
      --verbose  print Prism's log (several lines per request)
  -h, --help     show this help

When the port is already in use, the mock says so and exits with 1.
Ctrl-C stops it; so do SIGTERM and SIGHUP, and the end of the process
that started it or of that one's parent (npm). A SIGKILL of the script
itself cannot be caught: Prism is then left running.
`;

// Writing to a terminal or pipe that has gone away must not crash the mock
// before it has stopped Prism.
process.stdout.on("error", () => undefined);
process.stderr.on("error", () => undefined);

const options = readOptions(process.argv.slice(2));
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

let prism;
let stopping = false;
const starting = new AbortController();

// Prism runs as a child process: every way out of this script must end it.
process.on("exit", () => prism?.kill());
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => void shutdown(signal, 0));
process.on("uncaughtException", (error) => void shutdown(`error: ${oneLine(error?.stack ?? String(error))}`, 1));
process.on("unhandledRejection", (error) => void shutdown(`error: ${oneLine(error?.stack ?? String(error))}`, 1));
// The parent (npm's `sh -c`, or a shell) and, where /proc tells, its parent
// (npm): when either goes, the parent is orphaned or gone and so is the mock.
const parent = process.ppid;
const grandparent = parentOf(parent);
setInterval(() => {
  if (process.ppid !== parent) void shutdown("the process that started it exited", 0);
  else if (grandparent !== undefined && parentOf(parent) !== grandparent) void shutdown("the parent of the process that started it exited", 0);
}, PARENT_CHECK_MS).unref();

await serve();

/** Starts Prism on the chosen port and prints how to use it. */
async function serve() {
  try {
    await checkPortFree(options.port, HOST);
    prism = await startPrism({
      port: options.port,
      host: HOST,
      signal: starting.signal,
      onLine: options.verbose ? (line) => console.log(line) : undefined,
    });
  } catch (error) {
    if (stopping) return; // shutdown() aborted the start and is on its way out
    if (error?.code === "EADDRINUSE") fatal(`port ${options.port} on ${HOST} is already in use; choose another with --port`);
    fatal(oneLine(error?.code === "EACCES" ? `cannot listen on port ${options.port} on ${HOST} (EACCES)` : error?.message ?? String(error)));
  }
  prism.exited.then(({ code, signal }) => {
    if (!stopping) fatal(`Prism stopped unexpectedly (${code ?? signal})`);
  });
  const sample = "/v2/c53626012ba84727b938ca8bf03108ef/fdi/instances/fae7ff6c-8e07-4cf8-9e67-589cab2f017c/tasks/15366328208d4d77b76532fe9f4006a6";
  console.log(`ROMA FDI mock listening on ${prism.url}
  try:   curl -H 'X-Auth-Token: any' ${prism.url}${sample}
  pick:  -H 'Prefer: example=realtimeTaskRunning'   or   -H 'Prefer: code=404'
  stop:  Ctrl-C`);
}

/** Stops Prism (or its start) and exits with `code`. */
async function shutdown(reason, code) {
  if (stopping) return;
  stopping = true;
  starting.abort(new Error(`stopped (${reason})`));
  try {
    await prism?.stop();
  } finally {
    (code === 0 ? console.log : console.error)(`mock stopped (${reason})`);
    process.exit(code);
  }
}

/**
 * The parent process ID of `pid`, read from /proc/PID/stat (Linux), or
 * undefined where that cannot be read (another system, or `pid` is gone).
 */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After the command name, which is in parentheses and may hold anything: state, then ppid.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the command line and $PORT; exits with 2 and one line on a problem. */
function readOptions(argv) {
  const { tokens } = parseArgs({
    args: argv,
    options: { port: { type: "string", short: "p" }, verbose: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values = {};
  for (const token of tokens) {
    if (token.kind === "positional") usageError(`unexpected argument ${quote(token.value)}`);
    if (token.kind !== "option") continue;
    if (!["port", "verbose", "help"].includes(token.name)) usageError(`unknown option ${quote(token.rawName)}`);
    if (token.name === "port") {
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith("-"))) {
        usageError(`option ${quote(token.rawName)} needs a value`);
      }
      values.port = checkPort("--port", token.value);
    } else {
      if (token.value !== undefined) usageError(`option ${quote(token.rawName)} does not take a value`);
      values[token.name] = true;
    }
  }
  if (values.help) return { help: true };
  const port = values.port ?? (process.env.PORT === undefined ? DEFAULT_PORT : checkPort("PORT", process.env.PORT));
  return { port, verbose: values.verbose ?? false, help: false };
}

function checkPort(name, raw) {
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : 0;
  if (port < 1 || port > 65535) usageError(`${name} must be a whole number from 1 to 65535, got ${JSON.stringify(raw)}`);
  return port;
}

function usageError(message) {
  console.error(`mock: ${oneLine(message)} (see --help)`);
  process.exit(2);
}

function fatal(message) {
  console.error(`mock: ${message}`);
  process.exit(1);
}

// Arguments are quoted as JSON would, so that control characters show as escapes.
function quote(text) {
  return `'${JSON.stringify(text).slice(1, -1)}'`;
}

function oneLine(text) {
  return String(text).replace(/\s+/g, " ").trim();
}
