/** A tiny node:http server for test pages: fixed files on 127.0.0.1, a free port, stopped by the test. */
import { createServer } from "node:http";
import { closeServer, listenOnLoopback } from "./loopback.js";

/** One file the server answers with. */
export interface StaticFile {
  body: string;
  contentType: string;
}

/** A running server; `url` has no trailing slash. */
export interface StaticServer {
  url: string;
  /** Paths requested so far, in order. */
  hits: string[];
  stop(): Promise<void>;
}

/** Serves `files` (keyed by URL path, such as `/app.js`) and answers 404 to anything else. */
export async function serveStatic(files: Record<string, StaticFile>): Promise<StaticServer> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://placeholder").pathname;
    hits.push(path);
    const file = files[path];
    if (request.method !== "GET" || !file) {
      response.writeHead(file ? 405 : 404, { "content-type": "text/plain" }).end(file ? "method not allowed" : "not found");
      return;
    }
    response.writeHead(200, { "content-type": file.contentType, "cache-control": "no-store" }).end(file.body);
  });
  const url = await listenOnLoopback(server);
  return { url, hits, stop: () => closeServer(server) };
}
