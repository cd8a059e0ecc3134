#!/usr/bin/env node
// Child process for the cold-start benchmark: loads one module set (or
// nothing, for the bare-Node baseline) and reports how long the load took and
// the memory the process then holds. Every variant runs this same file, so
// the cost of Node starting and of the ES module loader is the same in all.
//
// Usage: node cold-child.mjs '{"variant":"bare"|"roma-fdi"|"openapi-fetch"|"huawei-core"}'
import { createRequire } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { PROJECT_ROOT } from "../lib/project.mjs";
import { DIST_ENTRY } from "./contenders.mjs";

const { variant } = JSON.parse(process.argv[2] ?? "{}");
const require = createRequire(join(PROJECT_ROOT, "package.json"));

const LOADERS = {
  bare: async () => {},
  "roma-fdi": () => import(DIST_ENTRY),
  "openapi-fetch": () => import("openapi-fetch"),
  // What a Huawei service SDK loads: the package root, its client builder and HcClient (axios, log4js, …).
  "huawei-core": async () => {
    require("@huaweicloud/huaweicloud-sdk-core");
    require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder");
    require("@huaweicloud/huaweicloud-sdk-core/HcClient");
  },
};
const load = LOADERS[variant];
if (!load) throw new Error(`unknown variant ${variant}`);

const start = performance.now();
await load();
const importMs = performance.now() - start;
process.stdout.write(
  JSON.stringify({
    variant,
    importMs,
    sinceStartMs: performance.now(), // performance's time origin is the start of the process
    rssBytes: process.memoryUsage().rss,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }) + "\n",
);
