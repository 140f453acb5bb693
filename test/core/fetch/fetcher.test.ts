// The polite fetcher against real local HTTP servers: conditional GETs, redirects, timeouts, size caps,
// compression, headers, per-host queueing, error classes, the private-address guard, credentials.
// Real requests go only to loopback servers, with private addresses allowed; refusals are checked
// with stubbed DNS answers and a fetch that records whether it was ever called.
import http from "node:http";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { fetch as undiciFetch, Response } from "undici";
import { nonPublicKind } from "../../../src/core/fetch/addresses.js";
import { pinnedLookup, type ResolvedAddress } from "../../../src/core/fetch/address-guard.js";
import { DEFAULT_USER_AGENT, FEED_ACCEPT, Fetcher, FetchPolicy, type FetchResult } from "../../../src/core/fetch/fetcher.js";
import { maxAgeOf, retryAfterOf } from "../../../src/core/fetch/response.js";
import { startServer, type LocalServer } from "../../fakes/local-server.js";

/** Generous limits for everything but the test at hand; loopback servers need private addresses. */
const LOCAL = { timeoutMs: 10_000, allowPrivateAddresses: true } as const;

const servers: LocalServer[] = [];
async function serve(handler: http.RequestListener): Promise<LocalServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function text(result: FetchResult): string {
  if (result.status !== "fetched") throw new Error(`expected fetched, got ${JSON.stringify(result)}`);
  return Buffer.from(result.bytes).toString("utf8");
}

function failure(result: FetchResult): Extract<FetchResult, { status: "failed" }> {
  if (result.status !== "failed") throw new Error(`expected failed, got ${result.status}`);
  return result;
}

describe("FetchPolicy", () => {
  it("has polite defaults and a User-Agent naming newsbot", () => {
    expect(FetchPolicy.parse({})).toEqual({
      timeoutMs: 15_000,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 5,
      userAgent: DEFAULT_USER_AGENT,
      allowPrivateAddresses: false,
    });
    expect(DEFAULT_USER_AGENT).toMatch(/^newsbot\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/newsbot\/newsbot\)$/);
  });

  it("refuses nonsense limits", () => {
    expect(() => new Fetcher({ timeoutMs: 0 })).toThrow();
    expect(() => new Fetcher({ maxRedirects: -1 })).toThrow();
  });
});

describe("conditional GET", () => {
  it("sends the ETag back as If-None-Match and reports not-modified on 304", async () => {
    const server = await serve((req, res) => {
      if (req.headers["if-none-match"] === '"v1"') {
        res.writeHead(304, { etag: '"v1"', "cache-control": "max-age=600" });
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml", etag: '"v1"', "cache-control": "public, max-age=300" });
      res.end("<rss/>");
    });
    const fetcher = new Fetcher(LOCAL);

    const first = await fetcher.get(`${server.url}/feed`);
    expect(first).toMatchObject({ status: "fetched", httpStatus: 200, etag: '"v1"', contentType: "application/rss+xml", maxAgeSeconds: 300 });
    expect(text(first)).toBe("<rss/>");
    expect(server.requests[0]?.headers["if-none-match"]).toBeUndefined();

    const second = await fetcher.get(`${server.url}/feed`, { validators: { etag: '"v1"' } });
    expect(second).toEqual({ status: "not-modified", url: `${server.url}/feed`, maxAgeSeconds: 600 });
    expect(server.requests[1]?.headers["if-none-match"]).toBe('"v1"');
  });

  it("sends Last-Modified back as If-Modified-Since and reports not-modified on 304", async () => {
    const stamp = "Tue, 05 Mar 2024 18:30:00 GMT";
    const server = await serve((req, res) => {
      if (req.headers["if-modified-since"] === stamp) {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { "last-modified": stamp });
      res.end("<feed/>");
    });
    const fetcher = new Fetcher(LOCAL);

    const first = await fetcher.get(`${server.url}/atom`);
    expect(first).toMatchObject({ status: "fetched", lastModified: stamp });
    expect(first).not.toHaveProperty("etag");

    const second = await fetcher.get(`${server.url}/atom`, { validators: { lastModified: stamp } });
    expect(second).toEqual({ status: "not-modified", url: `${server.url}/atom` });
    expect(server.requests[1]?.headers["if-modified-since"]).toBe(stamp);
  });

  it("reads max-age for the next poll: no-cache and no-store mean 0, s-maxage is ignored", () => {
    expect(maxAgeOf(new Headers({ "cache-control": "public, max-age=900" }))).toBe(900);
    expect(maxAgeOf(new Headers({ "cache-control": 'max-age="60"' }))).toBe(60);
    expect(maxAgeOf(new Headers({ "cache-control": "no-cache" }))).toBe(0);
    expect(maxAgeOf(new Headers({ "cache-control": "max-age=900, no-store" }))).toBe(0);
    expect(maxAgeOf(new Headers({ "cache-control": "s-maxage=900" }))).toBeUndefined();
    expect(maxAgeOf(new Headers())).toBeUndefined();
  });
});

describe("request headers and compression", () => {
  it("sends a User-Agent naming newsbot, the feed Accept header and the encodings it can decode", async () => {
    const server = await serve((_req, res) => res.end("ok"));
    await new Fetcher(LOCAL).get(server.url);
    const headers = server.requests[0]?.headers;
    expect(headers?.["user-agent"]).toBe(DEFAULT_USER_AGENT);
    expect(headers?.accept).toBe(FEED_ACCEPT);
    expect(headers?.["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("uses the caller's Accept header and the policy's User-Agent", async () => {
    const server = await serve((_req, res) => res.end("ok"));
    await new Fetcher({ ...LOCAL, userAgent: "newsbot-test/1" }).get(server.url, { accept: "text/html" });
    expect(server.requests[0]?.headers["user-agent"]).toBe("newsbot-test/1");
    expect(server.requests[0]?.headers.accept).toBe("text/html");
  });

  it.each([
    ["gzip", (b: Buffer) => zlib.gzipSync(b)],
    ["br", (b: Buffer) => zlib.brotliCompressSync(b)],
    ["deflate", (b: Buffer) => zlib.deflateSync(b)],
  ] as const)("decodes a %s-compressed body", async (encoding, compress) => {
    const body = `<rss><channel><title>Compressed ${encoding} — ünïcödé</title></channel></rss>`.repeat(50);
    const server = await serve((req, res) => {
      // Only compress when asked to, so the test proves the client asked and decoded.
      if (!String(req.headers["accept-encoding"]).includes(encoding)) return res.end(body);
      const compressed = compress(Buffer.from(body));
      res.writeHead(200, { "content-encoding": encoding, "content-length": compressed.length });
      res.end(compressed);
    });
    const result = await new Fetcher(LOCAL).get(server.url);
    expect(text(result)).toBe(body);
  });
});

describe("redirects", () => {
  it("follows them and reports the final URL, and the last address reached by permanent moves", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/old") res.writeHead(301, { location: "/moved" }).end();
      else if (req.url === "/moved") res.writeHead(302, { location: `/feed.xml` }).end();
      else res.end("final");
    });
    const result = await new Fetcher(LOCAL).get(`${server.url}/old`);
    expect(result).toMatchObject({ status: "fetched", url: `${server.url}/feed.xml`, movedPermanentlyTo: `${server.url}/moved` });
    expect(text(result)).toBe("final");
    expect(server.requests.map((r) => r.url)).toEqual(["/old", "/moved", "/feed.xml"]);
  });

  it("reports no permanent move when the first redirect is temporary", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/a") res.writeHead(307, { location: "/b" }).end();
      else if (req.url === "/b") res.writeHead(308, { location: "/c" }).end();
      else res.end("c");
    });
    const result = await new Fetcher(LOCAL).get(`${server.url}/a`);
    expect(result).toMatchObject({ status: "fetched", url: `${server.url}/c` });
    expect(result).not.toHaveProperty("movedPermanentlyTo");
  });

  it("carries validators through redirects and reports not-modified at the end", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/old") return res.writeHead(308, { location: "/new" }).end();
      if (req.headers["if-none-match"] === '"x"') return res.writeHead(304).end();
      res.end("body");
    });
    const result = await new Fetcher(LOCAL).get(`${server.url}/old`, { validators: { etag: '"x"' } });
    expect(result).toEqual({ status: "not-modified", url: `${server.url}/new`, movedPermanentlyTo: `${server.url}/new` });
  });

  it("gives up on a redirect loop after maxRedirects", async () => {
    const server = await serve((req, res) => {
      res.writeHead(302, { location: req.url === "/ping" ? "/pong" : "/ping" }).end();
    });
    const result = failure(await new Fetcher(LOCAL).get(`${server.url}/ping`));
    expect(result.reason).toMatch(/redirected more than 5 times/);
    expect(result.permanent).toBe(false);
    expect(server.requests).toHaveLength(6);
  });

  it("counts against the policy's maxRedirects", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/a") res.writeHead(301, { location: "/b" }).end();
      else res.end("b");
    });
    expect(failure(await new Fetcher({ ...LOCAL, maxRedirects: 0 }).get(`${server.url}/a`)).reason).toMatch(/more than 0 times/);
    expect(await new Fetcher({ ...LOCAL, maxRedirects: 1 }).get(`${server.url}/a`)).toMatchObject({ status: "fetched" });
  });

  it("refuses a redirect to a non-http(s) address", async () => {
    const server = await serve((_req, res) => res.writeHead(301, { location: "ftp://files.example.com/feed.xml" }).end());
    const result = failure(await new Fetcher(LOCAL).get(`${server.url}/feed`));
    expect(result.reason).toMatch(/redirected to a ftp: address/);
    expect(result.permanent).toBe(true);
  });
});

describe("timeouts", () => {
  it("fails a server that never answers, naming the limit", async () => {
    const server = await serve(() => {
      // Never respond.
    });
    const result = failure(await new Fetcher({ ...LOCAL, timeoutMs: 300 }).get(server.url));
    expect(result.reason).toMatch(/timed out after 0\.3 s/);
    expect(result.permanent).toBe(false);
  });

  it("fails a server that sends headers and then stalls the body", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/xml", "content-length": "1000" });
      res.write("<rss>");
    });
    const result = failure(await new Fetcher({ ...LOCAL, timeoutMs: 300 }).get(server.url));
    expect(result.reason).toMatch(/timed out/);
  });

  it("fails a server that trickles the body: the timeout covers the whole request", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/xml" });
      const timer = setInterval(() => res.write(" "), 20);
      res.on("close", () => clearInterval(timer));
    });
    const result = failure(await new Fetcher({ ...LOCAL, timeoutMs: 300 }).get(server.url));
    expect(result.reason).toMatch(/timed out after 0\.3 s/);
  });

  it("spends one time budget across all redirect hops", async () => {
    // Each hop alone is well inside the limit; the chain as a whole is not.
    const server = await serve((req, res) => {
      const n = Number(req.url?.slice(1));
      setTimeout(() => res.writeHead(302, { location: `/${n + 1}` }).end(), 150);
    });
    const result = failure(await new Fetcher({ ...LOCAL, timeoutMs: 400, maxRedirects: 20 }).get(`${server.url}/0`));
    expect(result.reason).toMatch(/timed out after 0\.4 s/);
    expect(server.requests.length).toBeLessThan(6);
  });
});

describe("size cap", () => {
  it("refuses early when Content-Length is over the cap", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "5000" });
      res.end("x".repeat(5000));
    });
    const result = failure(await new Fetcher({ ...LOCAL, maxBytes: 1000 }).get(server.url));
    expect(result.reason).toMatch(/larger than newsbot's limit of 1000 bytes/);
  });

  it("stops reading a chunked body once it passes the cap", async () => {
    let written = 0;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/xml" });
      const chunk = "y".repeat(64 * 1024);
      const timer = setInterval(() => {
        res.write(chunk);
        written += chunk.length;
      }, 1);
      res.on("close", () => clearInterval(timer));
    });
    const result = failure(await new Fetcher({ ...LOCAL, maxBytes: 1024 * 1024 }).get(server.url));
    expect(result.reason).toMatch(/limit of 1 MB/);
    expect(written).toBeLessThan(100 * 1024 * 1024);
  });

  it("counts decoded bytes, so a gzip bomb is stopped too", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)); // about 64 KB on the wire
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip", "content-length": bomb.length });
      res.end(bomb);
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const result = failure(await new Fetcher({ ...LOCAL, maxBytes: 1024 * 1024 }).get(server.url));
    expect(result.reason).toMatch(/limit of 1 MB/);
  });

  it("accepts a body of exactly the cap", async () => {
    const server = await serve((_req, res) => res.end("z".repeat(1000)));
    const result = await new Fetcher({ ...LOCAL, maxBytes: 1000 }).get(server.url);
    expect(text(result)).toHaveLength(1000);
  });
});

describe("per-host queue", () => {
  it("sends one request at a time to a host", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const server = await serve((_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end("done");
      }, 20);
    });
    const fetcher = new Fetcher(LOCAL);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => fetcher.get(`${server.url}/feed/${i}`)));
    expect(results.every((r) => r.status === "fetched")).toBe(true);
    expect(server.requests).toHaveLength(6);
    expect(maxInFlight).toBe(1);
  });

  it("runs different hosts in parallel", async () => {
    // Each server holds its answer until the other has been asked: only parallel requests finish.
    let release!: () => void;
    const bothAsked = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    const hold: http.RequestListener = (_req, res) => {
      if (++asked === 2) release();
      void bothAsked.then(() => res.end("ok"));
    };
    const a = await serve(hold);
    const b = await serve(hold);
    const fetcher = new Fetcher({ ...LOCAL, timeoutMs: 5_000 });
    const [ra, rb] = await Promise.all([fetcher.get(a.url), fetcher.get(b.url)]);
    expect(ra?.status).toBe("fetched");
    expect(rb?.status).toBe("fetched");
  });

  it("frees the host after a failure", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/hang") return; // never answers
      res.end("after");
    });
    const fetcher = new Fetcher({ ...LOCAL, timeoutMs: 300 });
    const [hung, after] = await Promise.all([fetcher.get(`${server.url}/hang`), fetcher.get(`${server.url}/ok`)]);
    expect(hung.status).toBe("failed");
    expect(text(after)).toBe("after");
  });
});

describe("failures", () => {
  it("reports 429 with Retry-After seconds as temporary", async () => {
    const server = await serve((_req, res) => res.writeHead(429, { "retry-after": "120" }).end());
    const result = failure(await new Fetcher(LOCAL).get(server.url));
    expect(result).toMatchObject({ httpStatus: 429, retryAfterSeconds: 120, permanent: false });
    expect(result.reason).toBe(`${server.url}/ answered HTTP 429 Too Many Requests and asked to retry in 120 s.`);
  });

  it("reads a Retry-After HTTP date on 503", async () => {
    const when = new Date(Date.now() + 3_600_000).toUTCString();
    const server = await serve((_req, res) => res.writeHead(503, { "retry-after": when }).end());
    const result = failure(await new Fetcher(LOCAL).get(server.url));
    expect(result.permanent).toBe(false);
    expect(result.retryAfterSeconds).toBeGreaterThan(3000);
    expect(result.retryAfterSeconds).toBeLessThanOrEqual(3600);
  });

  it("parses Retry-After forms", () => {
    const now = Date.parse("2024-03-05T12:00:00Z");
    expect(retryAfterOf("30", now)).toBe(30);
    expect(retryAfterOf("Tue, 05 Mar 2024 12:01:00 GMT", now)).toBe(60);
    expect(retryAfterOf("Tue, 05 Mar 2024 11:00:00 GMT", now)).toBe(0);
    expect(retryAfterOf("soon", now)).toBeUndefined();
    expect(retryAfterOf(null, now)).toBeUndefined();
  });

  it.each([
    [500, false],
    [502, false],
    [408, false],
    [404, true],
    [410, true],
    [403, true],
  ])("classes HTTP %i as permanent: %s", async (status, permanent) => {
    const server = await serve((_req, res) => res.writeHead(status).end("error page"));
    const result = failure(await new Fetcher(LOCAL).get(server.url));
    expect(result).toMatchObject({ httpStatus: status, permanent });
    expect(result.reason).toContain(`HTTP ${status}`);
  });

  it("reports a refused connection as temporary", async () => {
    const server = await serve((_req, res) => res.end());
    const url = server.url;
    await server.close();
    servers.length = 0;
    const result = failure(await new Fetcher(LOCAL).get(url));
    expect(result.permanent).toBe(false);
    expect(result.reason).toBe(`Could not fetch ${url}/: connection refused.`);
  });

  it("never throws on a bad or non-web URL", async () => {
    const fetcher = new Fetcher(LOCAL);
    expect(failure(await fetcher.get("not a url"))).toMatchObject({ permanent: true, reason: "not a url is not a valid URL." });
    expect(failure(await fetcher.get("file:///etc/passwd")).reason).toMatch(/not an http\(s\) URL/);
  });

  it("turns a throwing fetch into a failed result that names only the class of failure", async () => {
    const fetcher = new Fetcher(LOCAL, {
      fetch: () => Promise.reject(new TypeError("fetch failed", { cause: new Error("SSH-2.0-OpenSSH_9.6 on internal-db:22") })),
    });
    expect(failure(await fetcher.get("http://127.0.0.1:9/feed")).reason).toBe("Could not fetch http://127.0.0.1:9/feed: connection failed.");
  });

  it.each([
    ["ENOTFOUND", "DNS lookup failed"],
    ["EAI_AGAIN", "DNS lookup failed"],
    ["ECONNREFUSED", "connection refused"],
    ["UND_ERR_CONNECT_TIMEOUT", "timed out"],
    ["CERT_HAS_EXPIRED", "TLS problem"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "TLS problem"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "TLS problem"],
    ["ECONNRESET", "connection closed"],
    ["UND_ERR_SOCKET", "connection closed"],
  ])("words a %s network error as %s, without the library's message", async (code, reason) => {
    const cause = Object.assign(new Error(`${code} 10.0.0.7:6379 said -ERR unknown command`), { code });
    const fetcher = new Fetcher(LOCAL, { fetch: () => Promise.reject(new TypeError("fetch failed", { cause })) });
    expect(failure(await fetcher.get("http://127.0.0.1:9/feed")).reason).toBe(`Could not fetch http://127.0.0.1:9/feed: ${reason}.`);
  });

  it("says a name that does not resolve failed its DNS lookup", async () => {
    const notFound = Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.test"), { code: "ENOTFOUND" });
    const fetcher = new Fetcher(LOCAL, { lookup: () => Promise.reject(notFound) });
    expect(failure(await fetcher.get("http://nowhere.test/feed")).reason).toBe("Could not fetch http://nowhere.test/feed: DNS lookup failed.");
  });
});

describe("credentials in URLs", () => {
  it("sends them as Basic auth and never echoes them", async () => {
    const server = await serve((_req, res) => res.writeHead(404).end());
    const url = `http://reader:s3cret@127.0.0.1:${server.port}/private.xml`;
    const result = failure(await new Fetcher(LOCAL).get(url));
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from("reader:s3cret").toString("base64")}`);
    expect(JSON.stringify(result)).not.toContain("s3cret");
    expect(result.url).toBe(`${server.url}/private.xml`);
  });

  it("keeps them out of network-error reasons", async () => {
    const server = await serve((_req, res) => res.end());
    const port = server.port;
    await server.close();
    servers.length = 0;
    const result = failure(await new Fetcher(LOCAL).get(`http://reader:s3cret@127.0.0.1:${port}/`));
    expect(JSON.stringify(result)).not.toContain("s3cret");
  });

  it("does not send them to another origin after a redirect", async () => {
    const other = await serve((_req, res) => res.end("elsewhere"));
    const server = await serve((_req, res) => res.writeHead(302, { location: `${other.url}/feed` }).end());
    const result = await new Fetcher(LOCAL).get(`http://reader:s3cret@127.0.0.1:${server.port}/`);
    expect(text(result)).toBe("elsewhere");
    expect(server.requests[0]?.headers.authorization).toBeDefined();
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe("private-address guard", () => {
  const ALLOW = "An operator can allow this with NEWSBOT_ALLOW_PRIVATE_ADDRESSES=true.";

  /** A guarded fetcher whose DNS answers are stubbed and whose fetch records every call (and fails). */
  function guarded(answers: Record<string, ResolvedAddress[]> = {}) {
    const lookedUp: string[] = [];
    const fetched: string[] = [];
    const fetcher = new Fetcher(
      { timeoutMs: 10_000 },
      {
        lookup: (hostname) => {
          lookedUp.push(hostname);
          return Promise.resolve(answers[hostname] ?? []);
        },
        fetch: (url) => {
          fetched.push(url);
          return Promise.reject(new Error("must not connect"));
        },
      },
    );
    return { fetcher, lookedUp, fetched };
  }

  it("is on unless the policy allows private addresses", () => {
    expect(new Fetcher().policy.allowPrivateAddresses).toBe(false);
  });

  it.each([
    ["http://127.0.0.1:18080/x", "127.0.0.1 is a loopback address"],
    ["http://[::1]:18080/x", "[::1] is a loopback address"],
    ["http://0x7f000001:18080/x", "127.0.0.1 is a loopback address"],
    ["http://2130706433:18080/x", "127.0.0.1 is a loopback address"],
    ["http://0177.0.0.1:18080/x", "127.0.0.1 is a loopback address"],
    ["http://127.1:18080/x", "127.0.0.1 is a loopback address"],
    ["http://127.0.0.1.:18080/x", "127.0.0.1 is a loopback address"],
    ["http://0:18080/x", "0.0.0.0 is an unspecified address"],
    ["http://127.255.0.9:18080/x", "127.255.0.9 is a loopback address"],
    ["http://[::ffff:127.0.0.1]:18080/x", "[::ffff:7f00:1] is a loopback address"],
    ["http://[::ffff:7f00:1]:18080/x", "[::ffff:7f00:1] is a loopback address"],
    ["http://[64:ff9b::127.0.0.1]:18080/x", "[64:ff9b::7f00:1] is a loopback address"],
    ["http://0.0.0.0:18080/x", "0.0.0.0 is an unspecified address"],
    ["http://[::]:18080/x", "[::] is an unspecified address"],
    ["http://10.1.2.3/x", "10.1.2.3 is a private address"],
    ["http://172.16.0.1/x", "172.16.0.1 is a private address"],
    ["http://192.168.1.1/x", "192.168.1.1 is a private address"],
    ["http://[fd00::1]/x", "[fd00::1] is a private address"],
    ["http://169.254.169.254/x", "169.254.169.254 is a link-local address"],
    ["http://[fe80::1]/x", "[fe80::1] is a link-local address"],
    ["http://100.64.0.7/x", "100.64.0.7 is a carrier-grade NAT address"],
    ["http://224.0.0.1/x", "224.0.0.1 is a multicast address"],
    ["http://[ff02::1]/x", "[ff02::1] is a multicast address"],
  ])("refuses %s without resolving or connecting", async (url, what) => {
    const { fetcher, lookedUp, fetched } = guarded();
    const result = failure(await fetcher.get(url));
    // The display URL is the normalised one (WHATWG URL turns every IPv4 spelling into dotted quads).
    const shown = new URL(url).href;
    expect(result.reason).toBe(`newsbot does not fetch ${shown}: ${what}. ${ALLOW}`);
    expect(result.permanent).toBe(true);
    expect(lookedUp).toEqual([]);
    expect(fetched).toEqual([]);
  });

  it.each([
    ["localhost", "127.0.0.1", "loopback"],
    ["localhost.", "::1", "loopback"],
    ["metadata.example", "169.254.169.254", "link-local"],
    ["intranet.example", "10.20.30.40", "private"],
    ["v6.example", "fd00::1", "private"],
    ["cgnat.example", "100.64.1.2", "carrier-grade NAT"],
    ["mapped.example", "::ffff:7f00:1", "loopback"],
    ["nat64.example", "64:ff9b::a9fe:a9fe", "link-local"],
  ])("refuses %s when its DNS answer is %s, without connecting", async (host, address, kind) => {
    const { fetcher, lookedUp, fetched } = guarded({ [host]: [{ address, family: address.includes(":") ? 6 : 4 }] });
    const result = failure(await fetcher.get(`http://${host}/latest/meta-data/`));
    expect(result.reason).toBe(`newsbot does not fetch http://${host}/latest/meta-data/: ${host} resolves to ${address}, a ${kind} address. ${ALLOW}`);
    expect(lookedUp).toEqual([host]);
    expect(fetched).toEqual([]);
  });

  it("refuses a host when any of its addresses is private", async () => {
    const { fetcher, fetched } = guarded({
      "mixed.example": [{ address: "93.184.216.34", family: 4 }, { address: "10.1.2.3", family: 4 }],
    });
    expect(failure(await fetcher.get("http://mixed.example/")).reason).toMatch(/resolves to 10\.1\.2\.3, a private address/);
    expect(fetched).toEqual([]);
  });

  it("refuses localhost as the system resolves it, and the loopback server sees nothing", async () => {
    const server = await serve((_req, res) => res.end("secret internal data"));
    const result = failure(await new Fetcher({ timeoutMs: 10_000 }).get(`http://localhost:${server.port}/`));
    expect(result.reason).toMatch(/^newsbot does not fetch http:\/\/localhost:\d+\/: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a redirect from a public host into a private address before connecting to it", async () => {
    const server = await serve((_req, res) => res.end("secret internal data"));
    const fetched: string[] = [];
    const fetcher = new Fetcher(
      { timeoutMs: 10_000 },
      {
        lookup: () => Promise.resolve([{ address: "93.184.216.34", family: 4 }]),
        // news.example "is" a public server whose answer redirects to the loopback server.
        fetch: (url, init) => {
          fetched.push(url);
          if (url.startsWith("http://news.example/")) {
            return Promise.resolve(new Response(null, { status: 302, headers: { location: `${server.url}/admin` } }));
          }
          return undiciFetch(url, init);
        },
      },
    );
    const result = failure(await fetcher.get("http://news.example/feed"));
    expect(result.reason).toBe(`newsbot does not fetch ${server.url}/admin: 127.0.0.1 is a loopback address. ${ALLOW}`);
    expect(fetched).toEqual(["http://news.example/feed"]);
    expect(server.requests).toHaveLength(0);
  });

  it("fetches loopback hosts when private addresses are allowed", async () => {
    const server = await serve((_req, res) => res.end("fine"));
    expect(text(await new Fetcher(LOCAL).get(server.url))).toBe("fine");
    expect(text(await new Fetcher(LOCAL).get(`http://localhost:${server.port}/`))).toBe("fine");
  });

  it("connects to the address it resolved, once, not to a second DNS answer (no rebinding)", async () => {
    const server = await serve((req, res) => res.end(`hello ${req.headers.host}`));
    // The first answer is the server; any later one points somewhere else (nothing listens there).
    const answers: ResolvedAddress[][] = [[{ address: "127.0.0.1", family: 4 }]];
    let lookups = 0;
    const fetcher = new Fetcher(LOCAL, {
      lookup: () => Promise.resolve(answers[lookups++] ?? [{ address: "127.0.0.2", family: 4 }]),
    });
    const result = await fetcher.get(`http://feed.test:${server.port}/feed`);
    expect(text(result)).toBe(`hello feed.test:${server.port}`);
    expect(lookups).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("hands the connection only the checked addresses, whatever name it asks about", () => {
    const checked = [
      { address: "93.184.216.34", family: 4 },
      { address: "2606:2800:220:1::1", family: 6 },
    ];
    const lookup = pinnedLookup(checked);
    const answers: unknown[][] = [];
    lookup("rebound.example", { all: true }, (...args) => answers.push(args));
    lookup("rebound.example", { family: 6 }, (...args) => answers.push(args));
    lookup("rebound.example", { family: 4, all: true }, (...args) => answers.push(args));
    expect(answers).toEqual([
      [null, checked],
      [null, "2606:2800:220:1::1", 6],
      [null, [checked[0]]],
    ]);
  });

  it.each([
    ["127.0.0.1", "loopback"],
    ["10.0.0.5", "private"],
    ["172.20.1.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fd12:3456::1", "private"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["64:ff9b::a00:1", "private"],
    ["64:ff9b::127.0.0.1", "loopback"],
    ["64:ff9b:0:0:0:0:a9fe:a9fe", "link-local"],
    ["93.184.216.34", undefined],
    ["172.32.0.1", undefined],
    ["100.128.0.1", undefined],
    ["2606:4700::1111", undefined],
    ["::ffff:8.8.8.8", undefined],
    ["64:ff9b::808:808", undefined],
  ])("judges %s as %s", (address, expected) => {
    expect(nonPublicKind(address)).toBe(expected);
  });
});
