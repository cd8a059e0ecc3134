/** A local node:http server that misbehaves on purpose, one behaviour per request path. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { closeServer, listenOnLoopback } from "./loopback.js";

/** What a route does with a request; `hit` counts requests to that route (1-based). */
export type FaultRoute = (request: IncomingMessage, response: ServerResponse, hit: number) => void;

/** A running fault server. */
export interface FaultServer {
  url: string;
  /** Requests per route key, as received. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1 and a free port. A request is routed by the
 * last path segment (the task id), so each test picks its fault by task id.
 */
export async function startFaultServer(routes: Record<string, FaultRoute>): Promise<FaultServer> {
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const key = decodeURIComponent((request.url ?? "").split("?")[0]?.split("/").pop() ?? "");
    const hit = (hits.get(key) ?? 0) + 1;
    hits.set(key, hit);
    const route = routes[key];
    if (!route) response.writeHead(599).end(`no route ${key}`);
    else route(request, response, hit);
  });
  // Hanging routes never answer, so their sockets must be destroyed, not just closed when idle.
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    hits,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return closeServer(server);
    },
  };
}
