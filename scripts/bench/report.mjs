// Turns the measurements into the Markdown report printed by `npm run bench`
// and written to BENCHMARKS.md, targets and verdicts included.
import { SIGNER_SOURCE } from "../lib/bundle-size.mjs";
import { median, quantile } from "./stats.mjs";

const MiB = 1024 * 1024;
const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : "n/a");
const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a");
const conns = (c) => (c.newConnections === undefined ? "n/a" : `${c.newConnections} / ${c.closedConnections}`);
const verdict = (ok) => (ok === undefined ? "n/a" : ok ? "met" : "**missed**");

/** Says when the token-only app carries the signer up front (it should load it only on first signed request). */
const signerNote = (bundle) =>
  bundle.id === "roma-fdi" && bundle.inputs.includes(SIGNER_SOURCE) ? ` (includes ${SIGNER_SOURCE}: the signer is no longer loaded lazily)` : "";

/** Markdown table from a header row and body rows. */
function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Summarises the raw per-call and throughput results per contender. */
export function summarizeCalls(perCall, throughputRuns) {
  const floor = perCall.contenders.find((c) => c.id === "floor");
  const floorMedian = median(floor.samplesUs);
  const floorP99 = quantile(floor.samplesUs, 0.99);
  const rps = (id) => {
    const runs = throughputRuns.filter((r) => r.id === id && !r.unavailable);
    if (runs.length === 0) return undefined;
    return {
      rps: median(runs.map((r) => r.rps)),
      peakRss: Math.max(...runs.map((r) => r.peakRssBytes)),
      connections: Math.max(...runs.map((r) => r.connections)),
      closed: Math.max(...runs.map((r) => r.closed)),
    };
  };
  const huawei = rps("huawei-core");
  return perCall.contenders.map((c) => {
    if (c.unavailable) return { id: c.id, label: c.label, unavailable: c.unavailable };
    const m = median(c.samplesUs);
    const p99 = quantile(c.samplesUs, 0.99);
    const t = rps(c.id);
    return {
      id: c.id,
      label: c.label,
      calls: c.samplesUs.length,
      medianUs: m,
      p99Us: p99,
      medianRatio: m / floorMedian,
      p99Ratio: p99 / floorP99,
      cpuUsPerCall: c.cpuUsPerCall,
      cpuRatio: c.cpuUsPerCall / floor.cpuUsPerCall,
      rps: t?.rps,
      rpsVsHuawei: t && huawei ? t.rps / huawei.rps : undefined,
      peakRssBytes: t?.peakRss,
      newConnections: t?.connections,
      closedConnections: t?.closed,
    };
  });
}

/** Checks the issue's targets; each row is `{ target, value, ok }` (ok undefined when not measurable). */
export function checkTargets({ calls, bundles, cold }) {
  const byId = (list, id) => list.find((x) => x.id === id || x.variant === id);
  const token = byId(calls, "roma-token");
  const aksk = byId(calls, "roma-aksk");
  const tokenBundle = byId(bundles, "roma-fdi");
  const signerBundle = byId(bundles, "roma-fdi+signer");
  const roma = byId(cold, "roma-fdi");
  const addedMiB = roma.addedRssBytes / MiB;
  const available = (row) => row && !row.unavailable;
  return [
    { target: "getTask + token: median ≤ 1.15× floor", value: ratio(token.medianRatio), ok: token.medianRatio <= 1.15 },
    {
      target: "getTask + AK/SK: median ≤ 1.35× floor",
      value: available(aksk) ? ratio(aksk.medianRatio) : "n/a (signing not available)",
      ok: available(aksk) ? aksk.medianRatio <= 1.35 : undefined,
    },
    {
      target: "getTask + AK/SK: throughput ≥ 2× Huawei core",
      value: available(aksk) && aksk.rpsVsHuawei !== undefined ? ratio(aksk.rpsVsHuawei) : "n/a (signing not available)",
      ok: available(aksk) && aksk.rpsVsHuawei !== undefined ? aksk.rpsVsHuawei >= 2 : undefined,
    },
    { target: "browser bundle, token: ≤ 5 kB gzip", value: `${fmt(tokenBundle.gzipBytes)} B`, ok: tokenBundle.gzipBytes <= 5000 },
    {
      target: "browser bundle, with signer: ≤ 7 kB gzip",
      value: available(signerBundle) ? `${fmt(signerBundle.gzipBytes)} B` : "n/a (no signer yet)",
      ok: available(signerBundle) ? signerBundle.gzipBytes <= 7000 : undefined,
    },
    {
      target: "import adds ≤ 10 ms over bare Node",
      value: `${roma.importMs.toFixed(1)} ms to import (wall − bare: ${roma.addedMs.toFixed(1)} ms)`,
      ok: roma.importMs <= 10,
    },
    { target: "import adds ≤ 5 MiB over bare Node", value: `${addedMiB.toFixed(2)} MiB`, ok: addedMiB <= 5 },
  ];
}

/** Renders the whole report as Markdown. */
export function renderReport({ machine, settings, calls, bundles, cold, parse, targets, breakdown }) {
  const out = [];
  out.push("# Benchmarks", "");
  out.push(`Written by \`npm run bench\`${settings.quick ? " --quick (spot check: fewer calls)" : ""}. Do not edit by hand.`, "");
  out.push(
    table(
      ["date", "CPU", "cores", "Node", "OS", "load avg (1 min) at start"],
      [[machine.date, machine.cpu, machine.cores, machine.node, machine.os, machine.load]],
    ),
    "",
  );
  out.push(`Versions: ${Object.entries(machine.versions).map(([k, v]) => `${k} ${v}`).join(", ")}.`, "");

  out.push("## Per call and throughput", "");
  out.push(
    `Sequential calls: ${settings.perCall.rounds} rounds × ${settings.perCall.perRound} calls per contender after ${settings.perCall.warmup} warm-up calls, ` +
      `contenders interleaved (each round starts with the next one). Throughput: concurrency ${settings.throughput.concurrency}, ` +
      `${settings.throughput.rounds} round(s) of ${settings.throughput.durationMs} ms per contender, each in a fresh process (median req/s, peak RSS of that process). ` +
      `The server answers the reference page's example body (${fmt(settings.bodyBytes)} B) from a separate process.`,
    "",
  );
  out.push(
    table(
      ["contender", "median µs", "p99 µs", "median × floor", "p99 × floor", "client CPU µs/call", "CPU × floor", `req/s @${settings.throughput.concurrency}`, "req/s × Huawei core", "peak RSS MiB", "conns opened / closed"],
      calls.map((c) =>
        c.unavailable
          ? [c.label, `n/a (${c.unavailable})`, "", "", "", "", "", "", "", "", ""]
          : [
              c.label,
              fmt(c.medianUs, 1),
              fmt(c.p99Us, 1),
              ratio(c.medianRatio),
              ratio(c.p99Ratio),
              fmt(c.cpuUsPerCall, 1),
              ratio(c.cpuRatio),
              fmt(c.rps),
              ratio(c.rpsVsHuawei),
              fmt((c.peakRssBytes ?? Number.NaN) / MiB, 1),
              conns(c),
            ],
      ),
    ),
    "",
  );

  out.push("## Browser bundle", "");
  out.push("esbuild, bundled and minified for the browser (ES2022, ESM), then gzip -9. 1 kB = 1,000 B.", "");
  out.push(
    table(
      ["bundle", "minified B", "gzip B", "budget (npm test) B"],
      bundles.map((b) =>
        b.unavailable
          ? [b.label, `n/a (${b.unavailable})`, "", ""]
          : [b.label + signerNote(b), fmt(b.minifiedBytes), fmt(b.gzipBytes), b.budget ? fmt(b.budget) : "—"],
      ),
    ),
    "",
  );

  out.push("## Cold start", "");
  out.push(
    `Fresh \`node\` processes running the same small script, which imports the module set (roma-fdi from dist/) or nothing (bare); ` +
      `median of ${settings.coldRuns} runs per variant, variants alternating. Wall = spawn to exit; ` +
      `the "− bare" columns are medians of the per-run differences. The target is judged on the in-process import time, ` +
      `which is what the import adds; the wall difference carries the noise of starting a process on a busy machine.`,
    "",
  );
  out.push(
    table(
      ["process", "wall ms", "wall − bare ms", "import ms (in process)", "RSS MiB", "RSS − bare MiB"],
      cold.map((c) => [
        c.variant === "bare" ? "bare node" : c.variant,
        fmt(c.wallMs, 1),
        c.variant === "bare" ? "—" : fmt(c.addedMs, 1),
        c.variant === "bare" ? "—" : fmt(c.importMs, 1),
        fmt(c.rssBytes / MiB, 1),
        c.variant === "bare" ? "—" : fmt(c.addedRssBytes / MiB, 2),
      ]),
    ),
    "",
  );

  out.push("## task_detail parsing", "");
  const first = parse.sizes[0];
  const spread = Math.max(...parse.sizes.map((s) => s.nsPerByte)) / Math.min(...parse.sizes.map((s) => s.nsPerByte));
  out.push(
    `\`parseTaskDetail\` on task_detail strings grown by repeating the example's columns; median of ${settings.parseSamples} samples of about 1 MB parsed each. ` +
      `Linear growth shows as a flat per-byte cost: here it varies by ${spread.toFixed(2)}× across a 10,000× range of sizes.`,
    "",
  );
  out.push(
    table(
      ["size", "bytes", "columns", "ms per parse", "ns per byte", "per byte × 1 KB case"],
      parse.sizes.map((s) => [
        s.targetBytes >= 1e6 ? `${s.targetBytes / 1e6} MB` : `${s.targetBytes / 1e3} KB`,
        fmt(s.bytes),
        fmt(s.columns),
        s.msPerParse < 1 ? s.msPerParse.toFixed(4) : fmt(s.msPerParse, 1),
        s.nsPerByte.toFixed(2),
        ratio(s.nsPerByte / first.nsPerByte),
      ]),
    ),
    "",
  );

  if (breakdown) {
    out.push("## Where the time goes", "");
    out.push(
      "Client work alone, without a network: `getTask` against an in-process `fetch` that answers at once, and the " +
        "pieces AK/SK signing is made of (median of 5 batches, sequential awaits; `scripts/bench/breakdown.mjs`).",
      "",
    );
    out.push(table(["what", "µs per call"], breakdown.rows.map((row) => [row.label, row.microsPerCall.toFixed(1)])), "");
    out.push(...WHAT_STANDS_IN_THE_WAY, "");
  }

  out.push("## Targets", "");
  out.push(table(["target", "this run", "verdict"], targets.map((t) => [t.target, t.value, verdict(t.ok)])), "");

  out.push("## Method", "");
  out.push(...METHOD, "");
  return out.join("\n");
}

const WHAT_STANDS_IN_THE_WAY = [
  "What stands in the way of the targets this run misses:",
  "",
  "- **AK/SK per call and throughput**: the signer must use only `crypto.subtle` (no `node:` import, so that it",
  "  runs in browsers and edge runtimes). On Node 20 each `crypto.subtle` call is a round trip through the",
  "  libuv thread pool, and a signature needs two in sequence (SHA-256 of the canonical request, then the HMAC);",
  "  the rows above show what that costs against the whole client. `node:crypto` does the same work",
  "  synchronously in a few microseconds, but would tie the signer to Node.",
  "- **Token per call**: \"openapi-fetch alone\" against the floor is openapi-fetch's own cost (it builds a",
  "  `Request`, which `fetch` then copies); the per-attempt timeout (AbortController and timer, the \"+ timeout",
  "  signal\" reference row) is the rest of what a client with timeouts cannot avoid.",
  "- **Bundle size**: openapi-fetch alone is the floor of every roma-fdi bundle (the \"openapi-fetch alone\" row);",
  "  the rest is ours — input checks, error classes and body parsing, retries and redaction. The signer is",
  "  loaded on first signed request, so a token app does not download it.",
];

const METHOD = [
  "- The server (`scripts/bench/server.mjs`) runs in its own process, and so do the measuring clients. On a",
  "  2-core machine this gives each its own core: the client's cost is not mixed with the server's, and the",
  "  client CPU column (process CPU time per call, server excluded) isolates what each client library adds.",
  "  In one process the server's work would be added to every call alike and push every ratio towards 1.",
  "- Per-call latency: one process loads every contender, warms them all, then runs them in rounds with a",
  "  forced GC between batches, so drift and garbage of one contender do not land on another. Each call is",
  "  timed alone (`performance.now()`); the ratios divide by the floor of the same run.",
  "- The server counts requests by auth kind: before timing, each contender's one call must reach it with the",
  "  expected header (a token, or an `SDK-HMAC-SHA256` signature) and return the example body.",
  "- \"raw fetch + json() + timeout signal\" is a reference, not a product: the floor plus the per-attempt",
  "  AbortController and timer that any client with timeouts needs, to show what that costs on its own.",
  "- \"conns opened / closed\": TCP connections the server saw during a throughput run after its warm-up",
  "  (largest of the rounds). None closed means keep-alive held; a few opened means the client's pool grew.",
  "- Throughput at concurrency 64 is bounded by the one-process server as well as by the client; the client",
  "  CPU column is the better guide to per-call overhead when the machine is busy.",
  "- Numbers from a shared 2-core machine are noisy: compare the ratios within one run, not across runs.",
];
