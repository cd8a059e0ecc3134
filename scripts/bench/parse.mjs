#!/usr/bin/env node
// Child process: cost of parseTaskDetail (from dist/) on task_detail strings
// of about 1 KB, 100 KB and 10 MB, made by repeating the reference example's
// mapped columns. Each sample parses about 1 MB in total (many small strings,
// or one large one), sizes alternate sample by sample, and the per-byte cost
// is reported for each size: linear growth means that cost stays flat.
//
// Usage: node --expose-gc parse.mjs '{"samples":…}'
// Prints one JSON line: { sizes: [{ targetBytes, bytes, columns, nsPerByte, msPerParse }] }.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { PROJECT_ROOT } from "../lib/project.mjs";
import { DIST_ENTRY } from "./contenders.mjs";
import { median, rotate } from "./stats.mjs";

const { samples } = JSON.parse(process.argv[2] ?? "{}");
const { parseTaskDetail } = await import(DIST_ENTRY);
const collect = globalThis.gc ?? (() => {});

const spec = JSON.parse(readFileSync(join(PROJECT_ROOT, "generated/openapi.json"), "utf8"));
const example = JSON.parse(spec.components.examples.timingTaskStopped.value.task_detail);

/** The example's task_detail cut to its column lists (plus a few scalars), with `columns` columns. */
function buildTaskDetail(columns) {
  const repeat = (list, mark) => Array.from({ length: columns }, (_, i) => ({ ...list[i % list.length], ...mark(i) }));
  const source = example.sourceSelectedDatasource;
  return JSON.stringify({
    needAPI: example.needAPI,
    targetDsId: example.targetDsId,
    taskType: example.taskType,
    sourceSelectedDatasource: {
      sourceTable: source.sourceTable,
      instanceId: source.instanceId,
      sourceSelectedColumnList: repeat(source.sourceSelectedColumnList, (i) => ({ field_name: `column_${i}` })),
    },
    mappingTable: repeat(example.mappingTable, (i) => ({ sourceColumn: `column_${i}`, targetColumn: `column_${i}` })),
  });
}

/** A task_detail string of at most `targetBytes`, within one column of it. */
function makeTaskDetail(targetBytes) {
  const base = buildTaskDetail(1).length;
  const perColumn = (buildTaskDetail(101).length - base) / 100;
  let columns = Math.max(1, Math.floor(1 + (targetBytes - base) / perColumn));
  let text = buildTaskDetail(columns);
  // Column names grow by a digit now and then: step down until under the target.
  while (text.length > targetBytes && columns > 1) {
    columns = Math.max(1, columns - Math.ceil((text.length - targetBytes) / perColumn));
    text = buildTaskDetail(columns);
  }
  return { text, columns };
}

const TARGETS = [1_000, 100_000, 10_000_000];
const cases = TARGETS.map((targetBytes) => {
  const { text, columns } = makeTaskDetail(targetBytes);
  // Check the round trip once: the parse returns every column.
  if (parseTaskDetail(text).mappingTable.length !== columns) throw new Error("parse lost columns");
  return { targetBytes, text, columns, repeat: Math.max(1, Math.round(1_000_000 / text.length)), nsPerByte: [] };
});

// Warm-up: a few passes of each so the parser's fast paths are compiled.
for (const c of cases) for (let i = 0; i < Math.min(c.repeat * 3, 3000); i++) parseTaskDetail(c.text);

for (let sample = 0; sample < samples; sample++) {
  for (const c of rotate(cases, sample)) {
    collect();
    let keep;
    const start = performance.now();
    for (let i = 0; i < c.repeat; i++) keep = parseTaskDetail(c.text);
    const ns = (performance.now() - start) * 1e6;
    if (!keep) throw new Error("no result");
    c.nsPerByte.push(ns / (c.repeat * c.text.length));
  }
}

process.stdout.write(
  JSON.stringify({
    sizes: cases.map((c) => {
      const nsPerByte = median(c.nsPerByte);
      return { targetBytes: c.targetBytes, bytes: c.text.length, columns: c.columns, nsPerByte, msPerParse: (nsPerByte * c.text.length) / 1e6 };
    }),
  }) + "\n",
);
