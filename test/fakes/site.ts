// A local web site for tests: routes answer with a status, headers and a body, and every request is
// recorded so tests can check what newsbot sent (conditional headers, User-Agent). Loopback only.
import http from "node:http";
import type { AddressInfo } from "node:net";

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
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request);
    const route = table.get(request.url ?? "");
    const page = typeof route === "function" ? route(request) : (route ?? { status: 404, body: "not found" });
    response.writeHead(page.status ?? 200, page.headers ?? {});
    response.end(page.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    routes: table,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
