// Feeds that need help: headers and a User-Agent from the sources file, sent to the feed's own origin
// only and never shown; a source renamed or moved (from the file or by a command) keeps its state.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommandLine } from "../../../commands/index.js";
import { LOCAL_OPERATOR } from "../../../commands/command.js";
import { Fetcher } from "../../../src/core/fetch/fetcher.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { describePoll } from "../../../src/core/sources/desk.js";
import { Poller } from "../../../src/core/sources/poller.js";
import { readSourcesFile, SourcesFileError, syncSourcesFile } from "../../../src/core/sources/sources-file.js";
import type { Storage } from "../../../src/core/storage/index.js";
import { startServer, type LocalServer } from "../../fakes/local-server.js";
import { openTestStorage } from "../../fakes/storage.js";

const NOW = new Date("2026-05-01T09:00:00Z");
const COOKIE = "session=s3cr3t-cookie-value";
const API_KEY = "key-0123456789abcdef";

/** Its item links to a page on the same server (a teaser's page is fetched: loopback only). */
const rss = (base: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Members Only</title>
<item><title>Council approves new tram line</title><link>${base}/tram</link>
<description>The city council approved a new tram line on Thursday after a long debate that lasted well into the night.</description></item>
</channel></rss>`;

let store: Storage;
let dir: string;
const servers: LocalServer[] = [];

beforeEach(async () => {
  store = await openTestStorage();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "newsbot-requests-"));
});
afterEach(async () => {
  await store.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await fs.rm(dir, { recursive: true });
});

async function sourcesFile(entries: unknown): Promise<string> {
  const file = path.join(dir, "sources.json");
  await fs.writeFile(file, JSON.stringify(entries));
  return file;
}

async function server(handler: Parameters<typeof startServer>[0]): Promise<LocalServer> {
  const started = await startServer(handler);
  servers.push(started);
  return started;
}

describe("request headers from the sources file", () => {
  it("sends the feed's headers and User-Agent to its own origin, not to another it redirects to, and shows them nowhere", async () => {
    const elsewhere = await server((req, res) => {
      if (req.url === "/feed") res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(elsewhere.url));
      else res.writeHead(404).end();
    });
    const feed = await server((req, res) => {
      if (req.url === "/moved") res.writeHead(302, { location: `${elsewhere.url}/feed` }).end();
      else if (req.url === "/feed") res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(feed.url));
      else res.writeHead(404).end();
    });
    const file = await sourcesFile([
      { url: `${feed.url}/feed`, headers: { Cookie: COOKIE, "X-Api-Key": API_KEY }, userAgent: "Mozilla/5.0 (newsbot)" },
      { url: `${feed.url}/moved`, headers: { Cookie: COOKIE } },
    ]);
    const sync = await syncSourcesFile(store, await readSourcesFile(file), NOW);
    expect(sync.requests.size).toBe(2);
    const poller = new Poller(store, new Fetcher({ allowPrivateAddresses: true }), { now: () => NOW, requests: sync.requests });
    const reports = await poller.pollAll();
    expect(reports.map((r) => r.outcome)).toEqual(["stored", "stored"]);

    const direct = feed.requests.find((r) => r.url === "/feed")!;
    expect(direct.headers).toMatchObject({ cookie: COOKIE, "x-api-key": API_KEY, "user-agent": "Mozilla/5.0 (newsbot)" });
    expect(feed.requests.find((r) => r.url === "/moved")!.headers.cookie).toBe(COOKIE);
    // The redirect went to another origin (another port): no cookie there, and newsbot's own User-Agent.
    const redirected = elsewhere.requests.find((r) => r.url === "/feed")!;
    expect(redirected.headers.cookie).toBeUndefined();
    expect(redirected.headers["user-agent"]).toMatch(/^newsbot\//);

    // Never stored, never in a poll report, the poll's log line or the sources list.
    const shown = JSON.stringify([await store.sources.list(), reports, reports.map(describePoll), await new Newsroom(store, () => NOW).sources.list()]);
    expect(shown).not.toContain("s3cr3t");
    expect(shown).not.toContain(API_KEY);
  });

  it("refuses a header newsbot sets itself or a value of two lines, without repeating the value", async () => {
    const reserved = await sourcesFile([{ url: "https://example.com/feed", headers: { "If-None-Match": "x" } }]);
    await expect(readSourcesFile(reserved)).rejects.toThrow('0.headers.If-None-Match: newsbot sets If-None-Match itself (for User-Agent, use "userAgent")');
    const split = await sourcesFile({ sources: [{ url: "https://example.com/feed", headers: { Cookie: `${COOKIE}\r\nX-Evil: 1` } }] });
    const error = await readSourcesFile(split).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourcesFileError);
    expect((error as Error).message).toContain("sources.0.headers.Cookie: a header value must be one line");
    expect((error as Error).message).not.toContain("s3cr3t");
  });
});

describe("renaming and moving a source", () => {
  it("moves and renames a file source by its movedFrom and name, keeping its id, state and count", async () => {
    const first = await sourcesFile([{ url: "https://old.example.com/feed", name: "Old name" }]);
    await syncSourcesFile(store, await readSourcesFile(first), NOW);
    const [before] = await store.sources.list();
    await store.sources.update(before!.id, { articlesAdded: 7, etag: '"v1"', feedTitle: "Feed" });

    const second = await sourcesFile([{ url: "https://new.example.com/feed", movedFrom: "https://old.example.com/feed", name: "New name", category: "World" }]);
    const sync = await syncSourcesFile(store, await readSourcesFile(second), NOW);
    expect(sync).toMatchObject({ added: 0, removed: 0, moved: 1 });
    expect(await store.sources.list()).toEqual([
      expect.objectContaining({ id: before!.id, url: "https://new.example.com/feed", name: "New name", category: "World", articlesAdded: 7, feedTitle: "Feed", etag: undefined, origin: "file" }),
    ]);
    // Applying the same file again changes nothing.
    expect(await syncSourcesFile(store, await readSourcesFile(second), NOW)).toMatchObject({ added: 0, removed: 0, moved: 0 });
  });

  it("renames and moves a user's source with sources rename and move, and refuses a file's or a taken address", async () => {
    const newsroom = new Newsroom(store, () => NOW);
    const { source } = await store.sources.add({ url: "https://old.example.com/feed" }, "user", NOW);
    await store.sources.update(source.id, { articlesAdded: 3, lastModified: "Tue, 28 Apr 2026 10:00:00 GMT" });
    const sources = (line: string) => runCommandLine(`/sources ${line}`, newsroom, LOCAL_OPERATOR);

    expect((await sources(`rename ${source.id} The Old Gazette`)).title).toBe("Renamed old.example.com to The Old Gazette");
    const moved = await sources(`move ${source.id} https://new.example.com/rss`);
    expect(moved.title).toBe("Moved The Old Gazette");
    expect(await store.sources.get(source.id)).toMatchObject({ url: "https://new.example.com/rss", name: "The Old Gazette", articlesAdded: 3, lastModified: undefined, nextPollAt: NOW });

    await store.sources.add({ url: "https://taken.example.com/rss" }, "user", NOW);
    expect(await sources(`move ${source.id} https://taken.example.com/rss`)).toMatchObject({ title: "Already following that address", failed: true });
    expect(await sources(`move ${source.id} ftp://example.com/rss`)).toMatchObject({ title: "Not a feed address", failed: true });
    const file = await store.sources.add({ url: "https://file.example.com/rss" }, "file", NOW);
    expect(await sources(`rename ${file.source.id} Mine`)).toMatchObject({ title: "Listed in the sources file", failed: true });
    expect(await sources("rename 99 Nobody")).toMatchObject({ title: "No such source", failed: true });
  });
});
