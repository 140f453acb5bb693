// A local web site for tests: routes answer with a status, headers and a body, and every request is
// recorded so tests can check what newsbot sent (conditional headers, User-Agent). Loopback only.
import type http from "node:http";
import { startServer } from "./local-server.js";

export interface Page {
  status?: number;
  headers?: http.OutgoingHttpHeaders;
  body?: string | Buffer;
}

export type Route = Page | ((request: http.IncomingMessage) => Page);

export interface Site {
  url(path: string): string;
  routes: Map<string, Route>;
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

export async function startSite(routes: Record<string, Route> = {}): Promise<Site> {
  const table = new Map(Object.entries(routes));
  const server = await startServer((request, response) => {
    const route = table.get(request.url ?? "");
    const page = typeof route === "function" ? route(request) : (route ?? { status: 404, body: "not found" });
    response.writeHead(page.status ?? 200, page.headers ?? {});
    response.end(page.body ?? "");
  });
  return { url: (path) => `${server.url}${path}`, routes: table, requests: server.requests, close: () => server.close() };
}
