// The sources file as an operator meets it: a file saved with a byte order mark, a path set to a
// file that is not there or not a sources file, and entries that change nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSourcesFile, SourcesFileError, syncSourcesFile } from "../../../src/core/sources/sources-file.js";
import { openTestStorage } from "../../fakes/storage.js";

const NOW = new Date("2026-11-27T08:00:00Z");
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-sources-file-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(text: string): string {
  const file = path.join(dir, "sources.json");
  fs.writeFileSync(file, text);
  return file;
}

describe("readSourcesFile", () => {
  it("reads a file saved with a byte order mark", async () => {
    expect(await readSourcesFile(write('\uFEFF[{ "url": "https://a.example/rss" }]'))).toEqual([{ url: "https://a.example/rss" }]);
  });

  it("says a file that is not JSON is not a sources file, without quoting it", async () => {
    const passwd = write("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
    const error = await readSourcesFile(passwd).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourcesFileError);
    expect((error as Error).message).toMatch(new RegExp(`^${passwd} is not a JSON sources file: it is not valid JSON\\. Expected a list of`));
    expect((error as Error).message).not.toContain("root:x");
  });

  it("finds no sources when the file is absent, unless a setting named the file", async () => {
    const absent = path.join(dir, "absent.json");
    expect(await readSourcesFile(absent)).toEqual([]);
    await expect(readSourcesFile(absent, { setBy: "NEWSBOT_SOURCES" })).rejects.toThrow(
      new SourcesFileError(`NEWSBOT_SOURCES names the sources file ${absent}, which does not exist`),
    );
  });
});

describe("syncSourcesFile", () => {
  it("says which entries change nothing: a URL listed twice, and one a user already follows", async () => {
    const store = await openTestStorage();
    try {
      const { source: theirs } = await store.sources.add({ url: "https://user.example/rss", name: "Theirs" }, "user", NOW);
      const synced = await syncSourcesFile(
        store,
        [{ url: "https://a.example/rss" }, { url: "https://user.example/rss", name: "Ours" }, { url: "https://a.example/rss", name: "Again" }],
        NOW,
      );
      expect(synced).toEqual({
        added: 1,
        removed: 0,
        moved: 0,
        requests: new Map(),
        ignored: [
          { url: "https://user.example/rss", reason: expect.stringMatching(new RegExp(`^is already followed as source ${theirs.id}, added by a user`)) },
          { url: "https://a.example/rss", reason: "is listed twice; its first entry is used" },
        ],
      });
      expect((await store.sources.list()).map((s) => [s.url, s.origin, s.name])).toEqual([
        ["https://user.example/rss", "user", "Theirs"],
        ["https://a.example/rss", "file", undefined],
      ]);
      // A file source stored by an earlier start-up is the file's own: nothing to say about it.
      expect((await syncSourcesFile(store, [{ url: "https://a.example/rss" }], NOW)).ignored).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
