#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --write]`: per-call cost and throughput of
// roma-fdi against raw fetch (the floor), openapi-fetch and the Huawei core;
// browser bundle size; cold start; task_detail parsing. Prints the report and,
// in a full run (or with --write), writes it to BENCHMARKS.md.
// --quick is a spot check of well under 20 s with fewer calls; it writes nothing
// unless --write is given. See scripts/bench/ for each part.
import { execFile } from "node:child_process";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { measureColdStart } from "./bench/cold-start.mjs";
import { CONTENDER_IDS } from "./bench/contenders.mjs";
import { runJsonChild, startBenchServer } from "./bench/processes.mjs";
import { checkTargets, renderReport, summarizeCalls } from "./bench/report.mjs";
import { rotate } from "./bench/stats.mjs";
import { measureBundles } from "./lib/bundle-size.mjs";
import { PROJECT_ROOT, readPackageVersion } from "./lib/project.mjs";

const args = new Set(process.argv.slice(2));
for (const arg of args) if (arg !== "--quick" && arg !== "--write") throw new Error(`unknown option ${arg} (use --quick, --write)`);
const quick = args.has("--quick");
const write = args.has("--write") || !quick;

const SETTINGS = quick
  ? {
      perCall: { rounds: 4, perRound: 100, warmup: 100 },
      throughput: { concurrency: 64, rounds: 1, warmupMs: 150, durationMs: 400 },
      coldRuns: 4,
      parseSamples: 3,
    }
  : {
      perCall: { rounds: 15, perRound: 200, warmup: 500 },
      throughput: { concurrency: 64, rounds: 6, warmupMs: 300, durationMs: 1000 },
      coldRuns: 15,
      parseSamples: 15,
    };

const started = Date.now();
const step = (what) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${what}\n`);
const load = os.loadavg()[0].toFixed(2);

await ensureFreshDist();

step("starting the server");
const server = await startBenchServer();
let perCall;
const throughputRuns = [];
try {
  step(`per-call latency (${SETTINGS.perCall.rounds} × ${SETTINGS.perCall.perRound} calls per contender)`);
  perCall = await runJsonChild("per-call.mjs", { url: server.url, ...SETTINGS.perCall }, { nodeArgs: ["--expose-gc"] });
  const available = perCall.contenders.filter((c) => !c.unavailable).map((c) => c.id);
  for (let round = 0; round < SETTINGS.throughput.rounds; round++) {
    step(`throughput at concurrency ${SETTINGS.throughput.concurrency}, round ${round + 1}/${SETTINGS.throughput.rounds}`);
    for (const id of rotate(available, round)) {
      throughputRuns.push(await runJsonChild("throughput.mjs", { url: server.url, id, ...SETTINGS.throughput }));
    }
  }
} finally {
  await server.stop();
}

step(`cold start (${SETTINGS.coldRuns} runs per variant)`);
const cold = await measureColdStart(SETTINGS.coldRuns);
step("task_detail parsing");
const parse = await runJsonChild("parse.mjs", { samples: SETTINGS.parseSamples }, { nodeArgs: ["--expose-gc"] });
step("cost breakdown (client work without a network, signing pieces)");
const breakdown = await runJsonChild("breakdown.mjs", { calls: quick ? 1000 : 5000 });
step("browser bundles");
const bundles = await measureBundles();

const calls = summarizeCalls(perCall, throughputRuns);
const targets = checkTargets({ calls, bundles, cold });
const machine = {
  date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.availableParallelism(),
  node: process.version,
  os: `${os.type()} ${os.release()}`,
  load,
  versions: {
    "openapi-fetch": await readPackageVersion("openapi-fetch"),
    "@huaweicloud/huaweicloud-sdk-core": await readPackageVersion("@huaweicloud/huaweicloud-sdk-core"),
    axios: await readPackageVersion("axios"),
    esbuild: await readPackageVersion("esbuild"),
  },
};
const settings = { ...SETTINGS, quick, bodyBytes: server.bodyBytes };
const report = renderReport({ machine, settings, calls, bundles, cold, parse, targets, breakdown });
process.stdout.write(report + "\n");
if (write) {
  writeFileSync(join(PROJECT_ROOT, "BENCHMARKS.md"), report + "\n");
  step("wrote BENCHMARKS.md");
}
step(`done; contenders: ${CONTENDER_IDS.length}, targets missed: ${targets.filter((t) => t.ok === false).length}`);

/** Rebuilds dist/ when it is missing or older than src/ or generated/: the benchmarks load dist/. */
async function ensureFreshDist() {
  const newest = (dir) =>
    readdirSync(join(PROJECT_ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .reduce((max, entry) => Math.max(max, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs), 0);
  let built = 0;
  try {
    built = statSync(join(PROJECT_ROOT, "dist/src/index.js")).mtimeMs;
  } catch {
    // not built yet
  }
  if (built >= Math.max(newest("src"), newest("generated"))) return;
  step("building dist/ (it is older than src/)");
  await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, "scripts/build.mjs")], { cwd: PROJECT_ROOT });
}
