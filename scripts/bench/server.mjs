#!/usr/bin/env node
// The benchmark's stand-in for ROMA Connect, run in its own process so that
// its CPU time is not charged to the client being measured. It answers every
// GET with the reference page's example body (a pre-encoded buffer, so the
// server does as little as it can per request) over keep-alive connections.
//
// GET /__bench/stats reports what it saw since the last /__bench/reset:
// requests by auth kind, TCP connections opened and closed; the bench uses it to check
// that each contender sent what it claims (a token or an SDK-HMAC-SHA256
// signature) and reused its connection.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/project.mjs";

const spec = JSON.parse(readFileSync(join(PROJECT_ROOT, "generated/openapi.json"), "utf8"));
const BODY = Buffer.from(JSON.stringify(spec.components.examples.timingTaskStopped.value));
const HEADERS = {
  "content-type": "application/json;charset=UTF-8",
  "content-length": String(BODY.length),
  "x-request-id": "0b6a1f2c8e3d4b5a9c7e6f1d2a3b4c5d",
};

let stats = freshStats();
function freshStats() {
  return { requests: 0, token: 0, signed: 0, none: 0, connections: 0, closed: 0 };
}

function authKind(headers) {
  if (headers["x-auth-token"]) return "token";
  if (/^SDK-HMAC-SHA256 /.test(headers.authorization ?? "")) return "signed";
  return "none";
}

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  if (req.url === "/__bench/stats") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
    return;
  }
  if (req.url === "/__bench/reset") {
    stats = freshStats();
    res.writeHead(204).end();
    return;
  }
  stats.requests++;
  stats[authKind(req.headers)]++;
  res.writeHead(200, HEADERS).end(BODY);
});
server.on("connection", (socket) => {
  stats.connections++;
  socket.on("close", () => stats.closed++);
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${port}`, bodyBytes: BODY.length }) + "\n");
});

// The parent closes our stdin when it is done (or dies): then stop.
process.stdin.resume();
process.stdin.on("end", () => server.close(() => process.exit(0)).closeAllConnections());
process.on("SIGTERM", () => process.exit(0));
