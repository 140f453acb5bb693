import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommandLine, runCommand, findCommand } from "../../../commands/index.js";
import { LOCAL_OPERATOR } from "../../../commands/command.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { Fetcher } from "../../../src/core/fetch/fetcher.js";
import { Poller } from "../../../src/core/sources/poller.js";
import { readSourcesFile, SourcesFileError, syncSourcesFile } from "../../../src/core/sources/sources-file.js";
import { startSite } from "../../fakes/site.js";
import { openTestStorage } from "../../fakes/storage.js";
import type { Storage } from "../../../src/core/storage/index.js";

const NOW = new Date("2026-11-27T08:00:00Z");
const MEMBER = { ...LOCAL_OPERATOR, canManage: false, isAdmin: false };
let store: Storage;
let newsroom: Newsroom;

beforeEach(async () => {
  store = await openTestStorage();
  newsroom = new Newsroom(store, () => NOW, { sourcesFile: "feeds.json" });
});
afterEach(() => store.close());

describe("/sources", () => {
  it("adds, lists and removes a source; a second add of the same feed is recognised", async () => {
    const added = await runCommandLine("/sources add https://Example.com/feed.xml World desk", newsroom, LOCAL_OPERATOR);
    expect(added.title).toBe("Following World desk");
    expect(added.cards[1]).toMatchObject({ type: "source", name: "World desk", url: "https://example.com/feed.xml", status: "active", origin: "user" });

    const again = await runCommandLine("/sources add https://example.com/feed.xml", newsroom, LOCAL_OPERATOR);
    expect(again.title).toBe("Already following");

    const list = await runCommandLine("/sources", newsroom, MEMBER);
    expect(list.title).toBe("1 source");
    expect(list.cards).toEqual([expect.objectContaining({ type: "source", sourceId: "1" })]);

    const removed = await runCommandLine("/sources remove 1", newsroom, LOCAL_OPERATOR);
    expect(removed.title).toBe("Stopped following World desk");
    expect(await store.sources.list()).toEqual([]);
    expect((await runCommandLine("/sources list", newsroom, LOCAL_OPERATOR)).title).toBe("No sources yet");
  });

  it("takes the interval and refuses URLs that are not http(s) feeds", async () => {
    const command = findCommand("sources")!;
    await runCommand(command, { action: "add", target: "https://example.com/rss", every: 30 }, newsroom, LOCAL_OPERATOR);
    expect((await store.sources.list())[0]?.intervalMinutes).toBe(30);
    for (const bad of ["/sources add javascript:alert(1)", "/sources add file:///etc/passwd", "/sources add not a url"]) {
      const reply = await runCommandLine(bad, newsroom, LOCAL_OPERATOR);
      expect(reply.cards[0]).toMatchObject({ type: "notice", text: expect.stringMatching(/^Cannot add .*http\(s\) URL/) });
    }
    const tooOften = await runCommand(command, { action: "add", target: "https://example.com/x", every: 0 }, newsroom, LOCAL_OPERATOR);
    expect(tooOften.title).toMatch(/^Usage/);
    expect(await store.sources.list()).toHaveLength(1);
  });

  it("lets anyone list sources but only newsbot's admins change them", async () => {
    for (const line of ["/sources add https://example.com/rss", "/sources remove 1", "/sources resume 1"]) {
      const reply = await runCommandLine(line, newsroom, MEMBER);
      expect(reply.title).toBe("Not allowed");
    }
    expect(await store.sources.list()).toEqual([]);
    expect((await runCommandLine("/sources list", newsroom, MEMBER)).title).toBe("No sources yet");
  });

  it("explains unknown sources and sources owned by the sources file", async () => {
    expect((await runCommandLine("/sources remove 42", newsroom, LOCAL_OPERATOR)).title).toBe("No such source");
    await syncSourcesFile(store, [{ url: "https://example.com/file-feed" }], NOW);
    const reply = await runCommandLine("/sources remove https://example.com/file-feed", newsroom, LOCAL_OPERATOR);
    expect(reply.cards[0]).toMatchObject({ text: expect.stringContaining("listed in feeds.json") });
    expect(await store.sources.list()).toHaveLength(1);
  });

  it("resumes a paused source and clears its failures", async () => {
    const { source } = await store.sources.add({ url: "https://example.com/rss" }, "user", NOW);
    await store.sources.update(source.id, { failures: 5, pausedReason: "HTTP 500 (paused)", lastError: "HTTP 500" });
    const paused = await runCommandLine("/sources", newsroom, MEMBER);
    expect(paused.title).toBe("1 source, 1 paused");
    expect(paused.cards[0]).toMatchObject({ status: "paused", problem: "HTTP 500 (paused)" });
    await runCommandLine(`/sources resume ${source.id}`, newsroom, LOCAL_OPERATOR);
    expect(await store.sources.get(source.id)).toMatchObject({ failures: 0, pausedReason: undefined, lastError: undefined, nextPollAt: NOW });
  });
});

describe("sources file", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-sources-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => {
    const file = path.join(dir, "sources.json");
    fs.writeFileSync(file, text);
    return file;
  };

  it("reads a list or { sources }, and a missing file means none", async () => {
    expect(await readSourcesFile(path.join(dir, "absent.json"))).toEqual([]);
    const list = await readSourcesFile(write('[{ "url": "https://a.example/rss", "intervalMinutes": 30 }]'));
    expect(list).toEqual([{ url: "https://a.example/rss", intervalMinutes: 30 }]);
    const object = await readSourcesFile(write('{ "sources": [{ "url": "https://b.example/atom", "name": "B" }] }'));
    expect(object).toEqual([{ url: "https://b.example/atom", name: "B" }]);
  });

  it("reads the example file the repository ships", async () => {
    const example = await readSourcesFile(path.join(import.meta.dirname, "../../../sources.example.json"));
    expect(example.length).toBeGreaterThan(0);
    for (const definition of example) expect(definition.url).toMatch(/^https:\/\//);
  });

  it("names the field that is wrong", async () => {
    await expect(readSourcesFile(write('{ "sources": [{ "url": "https://a.example/rss" }, { "url": "ftp://b" }] }'))).rejects.toThrow(
      /sources\.1\.url: must be an http\(s\) URL/,
    );
    await expect(readSourcesFile(write('[{ "url": "https://a.example", "every": 3 }]'))).rejects.toThrow(/0: Unrecognized key: "every"/);
    await expect(readSourcesFile(write("{ nope"))).rejects.toThrow(SourcesFileError);
  });

  it("adds the file's sources and removes those taken out of it, leaving users' own", async () => {
    await store.sources.add({ url: "https://user.example/rss" }, "user", NOW);
    expect(await syncSourcesFile(store, [{ url: "https://a.example/rss" }, { url: "https://b.example/rss" }], NOW)).toMatchObject({ added: 2, removed: 0, ignored: [] });
    expect(await syncSourcesFile(store, [{ url: "https://b.example/rss" }], NOW)).toMatchObject({ added: 0, removed: 1, ignored: [] });
    expect((await store.sources.list()).map((s) => [s.url, s.origin])).toEqual([
      ["https://user.example/rss", "user"],
      ["https://b.example/rss", "file"],
    ]);
  });
});

describe("/sources add of a big feed", () => {
  it("stores the newest items, says how many it left out and reports success", async () => {
    const items = Array.from({ length: 5_000 }, (_, n) => `<item><title>Bulletin ${n}</title><description>Wire bulletin number ${n} of the day.</description></item>`);
    const site = await startSite({ "/big.xml": { body: `<rss version="2.0"><channel><title>Big Wire</title>${items.join("\n")}</channel></rss>` } });
    try {
      newsroom.sources.poller = new Poller(store, new Fetcher({ allowPrivateAddresses: true }), { now: () => NOW, policy: { maxItemsPerPoll: 200 } });
      const reply = await runCommandLine(`/sources add ${site.url("/big.xml")}`, newsroom, LOCAL_OPERATOR);
      expect(reply.title).toBe("Following Big Wire");
      expect(reply.cards[0]).toMatchObject({ type: "notice", text: expect.stringMatching(/^Big Wire: \d+ new articles \(.*4800 older items left out/) });
      const [source] = await store.sources.list();
      expect(source).toMatchObject({ failures: 0, articlesAdded: await store.articles.count() });
      expect(source!.articlesAdded).toBeGreaterThan(0);
      expect(source!.articlesAdded).toBeLessThanOrEqual(200);
    } finally {
      await site.close();
    }
  });
});

describe("/sources add whose first poll fails", () => {
  it("does not keep the feed and answers with the reason as a failure, unless --keep", async () => {
    const site = await startSite({
      "/licence.txt": { headers: { "Content-Type": "text/plain" }, body: "MIT License\n\nPermission is hereby granted, free of charge, to any person." },
      "/busy.xml": { status: 503 },
    });
    try {
      newsroom.sources.poller = new Poller(store, new Fetcher({ allowPrivateAddresses: true }), { now: () => NOW });
      for (const [page, reason] of [["/missing.xml", /answered HTTP 404/], ["/licence.txt", /neither XML nor JSON/]] as const) {
        const reply = await runCommandLine(`/sources add ${site.url(page)}`, newsroom, LOCAL_OPERATOR);
        expect(reply.failed).toBe(true);
        expect(reply.title).toBe("Not following 127.0.0.1");
        expect(reply.cards).toEqual([
          { type: "notice", text: expect.stringMatching(reason), suggestions: [`sources add ${site.url(page)} --keep`] },
        ]);
      }
      expect(await store.sources.list()).toEqual([]);

      // Kept when asked: a 404 will not pass by waiting, so no retry is promised; a 503 may.
      const missing = await runCommandLine(`/sources add ${site.url("/missing.xml")} --keep Missing Gazette`, newsroom, LOCAL_OPERATOR);
      expect(missing.failed).toBeUndefined();
      expect(missing.title).toBe("Following Missing Gazette");
      expect(missing.cards[0]).toMatchObject({ type: "notice", text: expect.stringMatching(/^Missing Gazette: failed: .*answered HTTP 404/) });
      const busy = await runCommand(findCommand("sources")!, { action: "add", target: site.url("/busy.xml"), keep: true }, newsroom, LOCAL_OPERATOR);
      expect(busy.cards[0]).toMatchObject({ type: "notice", text: expect.stringMatching(/^127\.0\.0\.1: failed, will retry later: .*HTTP 503/) });
      expect((await store.sources.list()).map((s) => [s.url, s.failures])).toEqual([
        [site.url("/missing.xml"), 1],
        [site.url("/busy.xml"), 1],
      ]);
    } finally {
      await site.close();
    }
  });
});
