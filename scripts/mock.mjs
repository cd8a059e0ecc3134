#!/usr/bin/env node
// `npm run mock`: serves the spec with Prism on 127.0.0.1 for frontend teams.
// Port: --port N, else $PORT, else 4010. Ctrl-C stops it.
import { startPrism } from "./lib/prism.mjs";

const portArg = process.argv.indexOf("--port");
const rawPort = portArg > 0 ? process.argv[portArg + 1] : process.env.PORT ?? "4010";
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`mock: port must be a whole number from 1 to 65535, got ${JSON.stringify(rawPort)}`);
  process.exit(2);
}
const verbose = process.argv.includes("--verbose");

let mock;
try {
  mock = await startPrism({ port, onLine: verbose ? (line) => console.log(line) : undefined });
} catch (error) {
  console.error(`mock: ${error.message}`);
  process.exit(1);
}
const sample = "/v2/c53626012ba84727b938ca8bf03108ef/fdi/instances/fae7ff6c-8e07-4cf8-9e67-589cab2f017c/tasks/15366328208d4d77b76532fe9f4006a6";
console.log(`ROMA FDI mock listening on ${mock.url}
  try:   curl -H 'X-Auth-Token: any' ${mock.url}${sample}
  pick:  -H 'Prefer: example=realtimeTaskRunning'   or   -H 'Prefer: code=404'
  stop:  Ctrl-C`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  await mock.stop();
  console.log(`mock stopped (${signal})`);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
