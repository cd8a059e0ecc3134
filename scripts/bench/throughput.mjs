#!/usr/bin/env node
// Child process: throughput of ONE contender at a fixed concurrency, in a
// fresh process so that its peak RSS is its own. The parent runs these for
// each contender in turn, in several rounds, and keeps the medians.
//
// Usage: node throughput.mjs '{"url":…,"id":…,"concurrency":64,"warmupMs":…,"durationMs":…}'
// Prints one JSON line: { id, unavailable? } or { id, requests, seconds, rps,
// peakRssBytes, connections, closed } (TCP connections the server saw opened
// and closed while measuring: closed stays 0 when keep-alive works; a few
// opened means the client's pool grew).
import { performance } from "node:perf_hooks";
import { checkContenders, makeContenders } from "./contenders.mjs";

const { url, id, concurrency, warmupMs, durationMs } = JSON.parse(process.argv[2] ?? "{}");

const [contender] = await makeContenders(url, [id]);
await checkContenders(url, [contender]);
if (contender.unavailable) {
  process.stdout.write(JSON.stringify({ id, unavailable: contender.unavailable }) + "\n");
  process.exit(0);
}

/** Keeps `concurrency` calls in flight until `until`; resolves to the number completed. */
async function drive(until) {
  let done = 0;
  const lane = async () => {
    while (performance.now() < until) {
      await contender.call();
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return done;
}

await drive(performance.now() + warmupMs);
await fetch(`${url}/__bench/reset`).then((r) => r.arrayBuffer());
const start = performance.now();
const requests = await drive(start + durationMs);
const seconds = (performance.now() - start) / 1000;
const { connections, closed } = await fetch(`${url}/__bench/stats`).then((r) => r.json());
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ id, requests, seconds, rps: requests / seconds, peakRssBytes, connections, closed }) + "\n");
