#!/usr/bin/env node
// Child process: where the per-call cost of roma-fdi goes, measured without a
// network: the client against an in-process fetch that answers at once (so
// only client work is timed), and the pieces AK/SK signing is made of.
//
// Usage: node breakdown.mjs '{"calls":…}'
// Prints one JSON line: { rows: [{ id, label, microsPerCall }] }.
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../lib/project.mjs";
import { DIST_ENTRY } from "./contenders.mjs";
import { median } from "./stats.mjs";

const { calls = 2000 } = JSON.parse(process.argv[2] ?? "{}");
const { createRomaClient } = await import(DIST_ENTRY);
const { computeSignature } = await import(pathToFileURL(join(PROJECT_ROOT, "dist/src/auth/sign.js")).href);

const body = JSON.stringify({ task: { task_name: "fdi_task_pzy4m5" }, task_detail: "{}" });
const answer = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
const base = { endpoint: "http://127.0.0.1:9", projectId: "p", fetch: answer, retries: 0 };
const byToken = createRomaClient({ ...base, auth: { token: "bench-token" } });
const byKeys = createRomaClient({ ...base, auth: { accessKey: "AccessKey", secretKey: "SecretKey" } });
const params = { instanceId: "i", taskId: "t" };
const encoder = new TextEncoder();
const hmacKey = await crypto.subtle.importKey("raw", encoder.encode("SecretKey"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
const canonical = encoder.encode("GET\n/v2/p/fdi/instances/i/tasks/t/\n\nhost:127.0.0.1:9\nx-project-id:p\nx-sdk-date:20260102T030405Z\n\nhost;x-project-id;x-sdk-date\ne3b0c442");

const pieces = [
  { id: "response-only", label: "building the canned Response alone (subtracted below)", run: () => answer() },
  { id: "get-task-token", label: "getTask with a token, client work only", run: () => byToken.getTask(params) },
  { id: "get-task-aksk", label: "getTask with AK/SK, client work only", run: () => byKeys.getTask(params) },
  {
    id: "sign",
    label: "computeSignature alone (1 SHA-256 + 1 HMAC on crypto.subtle)",
    run: () => computeSignature({ method: "GET", url: "http://127.0.0.1:9/v2/p/fdi/instances/i/tasks/t", headers: { Host: "127.0.0.1:9", "X-Project-Id": "p" }, accessKey: "AccessKey", secretKey: "SecretKey" }),
  },
  { id: "subtle-digest", label: "one crypto.subtle.digest(SHA-256) of a canonical request", run: () => crypto.subtle.digest("SHA-256", canonical) },
  { id: "subtle-hmac", label: "one crypto.subtle.sign(HMAC) with an imported key", run: () => crypto.subtle.sign("HMAC", hmacKey, canonical) },
];

const rows = [];
for (const piece of pieces) {
  for (let i = 0; i < 300; i++) await piece.run();
  const samples = [];
  for (let batch = 0; batch < 5; batch++) {
    const started = performance.now();
    for (let i = 0; i < calls / 5; i++) await piece.run();
    samples.push(((performance.now() - started) * 1000) / (calls / 5));
  }
  rows.push({ id: piece.id, label: piece.label, microsPerCall: median(samples) });
}
process.stdout.write(`${JSON.stringify({ rows })}\n`);
