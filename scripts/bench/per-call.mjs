#!/usr/bin/env node
// Child process: sequential per-call latency of every contender, interleaved
// in rounds. Each round runs one batch per contender, starting with a
// different contender each time, so drift of the machine (other jobs, CPU
// frequency) lands on all of them alike. Every call is timed on its own;
// process CPU time per batch gives the client-side cost per call, which the
// server (another process) cannot inflate.
//
// Usage: node --expose-gc per-call.mjs '{"url":…,"rounds":…,"perRound":…,"warmup":…}'
// Prints one JSON line: { contenders: [{ id, label, unavailable?, samplesUs, cpuUsPerCall }] }.
import { performance } from "node:perf_hooks";
import { checkContenders, makeContenders } from "./contenders.mjs";
import { rotate } from "./stats.mjs";

const { url, rounds, perRound, warmup } = JSON.parse(process.argv[2] ?? "{}");
const collect = globalThis.gc ?? (() => {});

const contenders = await makeContenders(url);
await checkContenders(url, contenders);
const running = contenders.filter((c) => !c.unavailable);

// Warm-up, interleaved too, so the JIT has seen every path before timing starts.
for (let i = 0; i < warmup; i += 50) {
  for (const c of running) for (let k = 0; k < 50; k++) await c.call();
}

const samples = new Map(running.map((c) => [c.id, new Float64Array(rounds * perRound)]));
const cpuMicros = new Map(running.map((c) => [c.id, 0]));
for (let round = 0; round < rounds; round++) {
  for (const c of rotate(running, round)) {
    const out = samples.get(c.id);
    const offset = round * perRound;
    collect(); // garbage of the previous batch is not charged to this one
    const cpuBefore = process.cpuUsage();
    for (let k = 0; k < perRound; k++) {
      const start = performance.now();
      await c.call();
      out[offset + k] = (performance.now() - start) * 1000;
    }
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicros.set(c.id, cpuMicros.get(c.id) + cpu.user + cpu.system);
  }
}

const result = contenders.map((c) =>
  c.unavailable
    ? { id: c.id, label: c.label, unavailable: c.unavailable }
    : {
        id: c.id,
        label: c.label,
        samplesUs: Array.from(samples.get(c.id)),
        cpuUsPerCall: cpuMicros.get(c.id) / (rounds * perRound),
      },
);
process.stdout.write(JSON.stringify({ contenders: result }) + "\n");
