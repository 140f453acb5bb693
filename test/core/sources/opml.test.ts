// OPML import and export: titles, URLs and folders (as categories) round-trip; import says what it
// added, what was already followed and what it could not read; the CLI reads a file and prints one.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NoticeCard } from "../../../src/core/card.js";
import { Newsroom } from "../../../src/core/newsroom.js";
import { readOpml, writeOpml } from "../../../src/core/sources/opml.js";
import type { Storage } from "../../../src/core/storage/index.js";
import { openTestStorage } from "../../fakes/storage.js";

const NOW = new Date("2026-05-01T09:00:00Z");
const ROOT = path.resolve(import.meta.dirname, "../../..");

/** As feed readers export: folders nested, titles in text or title, an entry that is not a feed URL. */
const EXPORTED = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News" title="News">
      <outline text="World" title="World">
        <outline type="rss" text="The Guardian World" xmlUrl="https://www.theguardian.com/world/rss" htmlUrl="https://www.theguardian.com/world"/>
      </outline>
      <outline type="rss" text="BBC" title="BBC News &amp; Features" xmlUrl="https://feeds.bbci.co.uk/news/rss.xml"/>
    </outline>
    <outline type="rss" text="Hacker News" xmlUrl="https://news.ycombinator.com/rss"/>
    <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
  </body>
</opml>`;

describe("reading and writing OPML", () => {
  it("reads feeds with their titles, and their folders as categories", () => {
    const { feeds, unread } = readOpml(EXPORTED);
    expect(feeds).toEqual([
      { url: "https://www.theguardian.com/world/rss", name: "The Guardian World", category: "News / World" },
      { url: "https://feeds.bbci.co.uk/news/rss.xml", name: "BBC News & Features", category: "News" },
      { url: "https://news.ycombinator.com/rss", name: "Hacker News" },
    ]);
    expect(unread).toEqual([{ outline: "Local file file:///etc/passwd", reason: "url must be an http(s) URL" }]);
    expect(() => readOpml("<html><body>not a list of feeds</body></html>")).toThrow(/^not an OPML file/);
  });

  it("writes the sources so that reading them back gives the same titles, URLs and categories", () => {
    const sources = readOpml(EXPORTED).feeds.map((feed, i) => ({ ...feed, id: i + 1, origin: "user" as const, addedAt: NOW, failures: 0, articlesAdded: 0 }));
    const written = writeOpml(sources);
    expect(written).toContain('<outline text="News / World" title="News / World">');
    expect(written).toContain("BBC News &amp; Features");
    expect(readOpml(written)).toEqual({ feeds: readOpml(EXPORTED).feeds, unread: [] });
  });

  it("writes an OPML file with no feeds for a bot that follows none, and reading it adds nothing", () => {
    const written = writeOpml([]);
    expect(written).toMatch(/<opml version="2.0">/);
    expect(readOpml(written)).toEqual({ feeds: [], unread: [] });
  });
});

describe("importing into the sources", () => {
  let store: Storage;
  beforeEach(async () => {
    store = await openTestStorage();
  });
  afterEach(() => store.close());

  it("adds the new feeds, reports those already followed and those it could not read", async () => {
    const newsroom = new Newsroom(store, () => NOW);
    await store.sources.add({ url: "https://news.ycombinator.com/rss", name: "HN" }, "user", NOW);
    const reply = await newsroom.sources.importOpml(EXPORTED);
    expect(reply.title).toBe("Imported 2 feeds");
    const [added, already, unread] = reply.cards as NoticeCard[];
    expect(added!.text).toBe("Added 2 feeds; each is polled on the next round:");
    expect(added!.suggestions).toEqual(["The Guardian World (source 2) https://www.theguardian.com/world/rss", "BBC News & Features (source 3) https://feeds.bbci.co.uk/news/rss.xml"]);
    expect(already).toMatchObject({ text: "Already followed: 1.", suggestions: ["HN (source 1) https://news.ycombinator.com/rss"] });
    expect(unread).toMatchObject({ text: "Could not read: 1.", suggestions: ["Local file file:///etc/passwd: url must be an http(s) URL"] });
    expect((await store.sources.list()).map((s) => [s.name, s.category])).toEqual([["HN", undefined], ["The Guardian World", "News / World"], ["BBC News & Features", "News"]]);

    expect(await newsroom.sources.importOpml("not xml at all")).toMatchObject({ title: "Nothing imported", failed: true });
  });
});

describe("sources import and export on the command line", () => {
  it("imports a file and exports OPML on standard output", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-opml-"));
    const env = { ...process.env, NEWSBOT_DB: path.join(dir, "news.db"), NEWSBOT_SOURCES: path.join(dir, "none.json"), NO_COLOR: "1" };
    fs.writeFileSync(path.join(dir, "none.json"), "[]");
    fs.writeFileSync(path.join(dir, "feeds.opml"), EXPORTED);
    const cli = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "sources", ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });

    const imported = cli("import", path.join(dir, "feeds.opml"));
    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain("Imported 3 feeds");
    expect(imported.stdout).toContain("Local file file:///etc/passwd: url must be an http(s) URL");
    expect(cli("import", path.join(dir, "feeds.opml")).stdout).toContain("Already followed: 3.");

    const exported = cli("export");
    expect(exported.status).toBe(0);
    expect(readOpml(exported.stdout).feeds).toEqual(readOpml(EXPORTED).feeds);
    fs.rmSync(dir, { recursive: true });
  });
});
