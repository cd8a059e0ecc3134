/**
 * A local stand-in for the API gateway that checks SDK-HMAC-SHA256
 * signatures, answers the reference example on success and an APIGW.0301
 * 401 otherwise. Answers CORS preflights so browser pages on other ports can
 * call it.
 *
 * The check is written here on node:crypto, independently of src/auth/sign.ts,
 * the way the gateway and the Go SDK canonicalise: each path segment is
 * decoded, then re-encoded. (The official Node signer cannot serve here: it
 * re-escapes the `%` of an already encoded path, so it disagrees with the
 * gateway on any id that needs percent-encoding; test/sign.test.ts uses it as
 * an oracle where it is right.)
 */
import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { closeServer, listenOnLoopback } from "./loopback.js";

/** A running verifying server. */
export interface VerifyingServer {
  url: string;
  /** Requests seen, with whether their signature matched. */
  seen: { path: string; verified: boolean; headers: IncomingMessage["headers"] }[];
  close(): Promise<void>;
}

/** Recomputes the signature of a received request with the oracle and compares. */
function verify(request: IncomingMessage, keys: { accessKey: string; secretKey: string }): boolean {
  const authorization = request.headers.authorization ?? "";
  const match = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match || match[1] !== keys.accessKey) return false;
  const signedNames = (match[2] ?? "").split(";");
  if (!signedNames.includes("host") || !signedNames.includes("x-sdk-date")) return false;
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = request.headers[name];
    if (typeof value !== "string") return false;
    headers[name === "x-sdk-date" ? "X-Sdk-Date" : name] = value;
  }
  const url = new URL(request.url ?? "/", `http://${request.headers.host}`);
  const canonicalRequest = [
    request.method ?? "GET",
    canonicalPath(url.pathname),
    canonicalQuery(url.searchParams),
    signedNames.map((name) => `${name}:${(headers[name === "x-sdk-date" ? "X-Sdk-Date" : name] ?? "").trim()}\n`).join(""),
    signedNames.join(";"),
    createHash("sha256").update("").digest("hex"),
  ].join("\n");
  const stringToSign = ["SDK-HMAC-SHA256", headers["X-Sdk-Date"], createHash("sha256").update(canonicalRequest).digest("hex")].join("\n");
  const expected = createHmac("sha256", keys.secretKey).update(stringToSign).digest("hex");
  return expected === match[3];
}

/** RFC 3986 unreserved characters stay; everything else is %XX in upper case. */
function escape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(pathname: string): string {
  const path = pathname.split("/").map((segment) => escape(decodeURIComponent(segment))).join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

function canonicalQuery(params: URLSearchParams): string {
  const keys = [...new Set(params.keys())].sort();
  return keys.flatMap((key) => params.getAll(key).sort().map((value) => `${escape(key)}=${escape(value)}`)).join("&");
}

/** Starts the server on 127.0.0.1 and a free port; `body` is what a verified request gets. */
export async function startVerifyingServer(keys: { accessKey: string; secretKey: string }, body: unknown): Promise<VerifyingServer> {
  const seen: VerifyingServer["seen"] = [];
  const server: Server = createServer((request, response) => {
    const cors = {
      "Access-Control-Allow-Origin": request.headers.origin ?? "*",
      "Access-Control-Allow-Headers": "authorization, x-sdk-date, x-project-id, x-security-token, x-auth-token, prefer",
      "Access-Control-Allow-Methods": "GET",
      "Access-Control-Expose-Headers": "x-request-id",
    };
    if (request.method === "OPTIONS") {
      response.writeHead(204, cors).end();
      return;
    }
    const verified = verify(request, keys);
    seen.push({ path: request.url ?? "", verified, headers: request.headers });
    if (verified) {
      response.writeHead(200, { ...cors, "Content-Type": "application/json", "X-Request-Id": "verified-1" }).end(JSON.stringify(body));
    } else {
      response
        .writeHead(401, { ...cors, "Content-Type": "application/json", "X-Request-Id": "rejected-1" })
        .end(JSON.stringify({ error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information: verify aksk signature fail", request_id: "rejected-1" }));
    }
  });
  const url = await listenOnLoopback(server);
  return { url, seen, close: () => closeServer(server) };
}
