// The disk side: expanding folders into article files, and reading files that may not cooperate.
import { chmod, mkdir, mkdtemp, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fsReason, SKIPPED_SYMLINK } from "../../../src/core/article-files/files.js";
import { listArticleFiles, readArticleFile } from "../../../src/core/article-files/index.js";
import { ingestFiles } from "../../../src/core/ingest-files.js";
import { ingestInto, openTestStorage } from "../../fakes/storage.js";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "newsbot-ingest-"));
  const files: Record<string, string> = {
    "b.txt": "Beta headline\n\nBeta body.",
    "a.txt": "Alpha headline\n\nAlpha body.",
    "nested/c.json": '[{"title": "Gamma", "body": "Gamma body."}]',
    "nested/deeper/d.jsonl": '{"title": "Delta", "body": "Delta body."}',
    ".hidden.txt": "Hidden\n\nNot read.",
    ".git/config.txt": "Hidden folder\n\nNot read.",
    "README.md": "# Readme",
    "README": "Readme without extension",
    "ORIGINAL-README.txt": "WikiRef Dataset\n\nAbout the data.",
    "LICENSE-feeds": "MIT",
    "labels.tsv": "file\tlabel",
    "notes.md": "notes",
    "photo.jpg": "not really a jpeg",
    "news.db": "SQLite format 3",
    "news.db-wal": "write-ahead log",
    "news.db-shm": "shared memory",
    "empty/.keep": "",
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(root, name, ".."), { recursive: true });
    await writeFile(join(root, name), text);
  }
  await symlink(root, join(root, "nested", "loop")); // a cycle the walk must not follow forever
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("listArticleFiles", () => {
  it("expands folders recursively in sorted order, skipping hidden and non-article files", async () => {
    const { files, rejected } = await listArticleFiles([root]);
    expect(files).toEqual([join(root, "a.txt"), join(root, "b.txt"), join(root, "nested", "c.json"), join(root, "nested", "deeper", "d.jsonl")]);
    expect(rejected).toEqual([]);
  });

  it("keeps a file named explicitly even if a folder walk would skip it, and lists it once", async () => {
    const readme = join(root, "README.md");
    const { files } = await listArticleFiles([readme, join(root, "a.txt"), readme]);
    expect(files).toEqual([readme, join(root, "a.txt")]);
  });

  it("turns a missing path and a folder with no article files into rejections", async () => {
    const missing = join(root, "no-such-folder");
    const { files, rejected } = await listArticleFiles([missing, join(root, "empty"), join(root, "a.txt")]);
    expect(files).toEqual([join(root, "a.txt")]);
    expect(rejected).toEqual([
      { path: missing, reason: "Path does not exist; check the path." },
      { path: join(root, "empty"), reason: "Folder contains no article files (hidden files, README, LICENSE, *.md and labels.tsv are skipped)." },
    ]);
  });
});

describe("symbolic links (issue 18: ingest read /etc/passwd through a link in the folder)", () => {
  // As reported: d/passwd-link -> a file outside d, d/a/up -> .. (a loop); plus a link to a folder outside.
  let base: string;
  let d: string;
  let secret: string;
  let outsideFolder: string;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "newsbot-symlinks-"));
    d = join(base, "d");
    secret = join(base, "passwd");
    outsideFolder = join(base, "elsewhere");
    await mkdir(join(d, "a"), { recursive: true });
    await mkdir(outsideFolder);
    await writeFile(secret, "root:x:0:0:root:/root:/bin/bash\n\nSecret body outside the folder.");
    await writeFile(join(outsideFolder, "far.txt"), "Far headline\n\nA file outside the folder.");
    await writeFile(join(d, "a", "inside.txt"), "Inside headline\n\nThe one article in the folder.");
    await symlink(secret, join(d, "passwd-link"));
    await symlink("..", join(d, "a", "up"));
    await symlink(outsideFolder, join(d, "elsewhere-link"));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it("reads only the folder's own files, says which links it passed over, and terminates", async () => {
    const { files, skipped, rejected } = await listArticleFiles([d]);
    expect(files).toEqual([join(d, "a", "inside.txt")]);
    expect(skipped).toEqual([
      { path: join(d, "a", "up"), reason: SKIPPED_SYMLINK },
      { path: join(d, "elsewhere-link"), reason: SKIPPED_SYMLINK },
      { path: join(d, "passwd-link"), reason: SKIPPED_SYMLINK },
    ]);
    expect(rejected).toEqual([]);
  });

  it("stores nothing from outside the folder", async () => {
    const store = await openTestStorage();
    try {
      const report = await ingestFiles([d], ingestInto(store));
      expect(report).toMatchObject({ added: 1, rejected: [] });
      expect(report.skipped.map((s) => s.path)).toContain(join(d, "passwd-link"));
      expect(await store.articles.count()).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("reads a link named on the command line as given, a file or a folder", async () => {
    const { files, skipped } = await listArticleFiles([join(d, "passwd-link"), join(d, "elsewhere-link")]);
    expect(files).toEqual([join(d, "passwd-link"), join(d, "elsewhere-link", "far.txt")]);
    expect(skipped).toEqual([]);
    expect((await readArticleFile(join(d, "passwd-link"))).articles.map((a) => a.title)).toEqual(["root:x:0:0:root:/root:/bin/bash"]);
  });
});

describe("readArticleFile", () => {
  it("reads and parses a file from disk", async () => {
    const result = await readArticleFile(join(root, "nested", "c.json"), { source: "Desk" });
    expect(result).toEqual({ path: join(root, "nested", "c.json"), format: "json", rejected: [], articles: [{ title: "Gamma", body: "Gamma body.", source: "Desk" }] });
  });

  it("refuses a file over the size cap from its size alone", async () => {
    const huge = join(root, "huge.txt");
    await writeFile(huge, "");
    await truncate(huge, 11 * 1024 * 1024); // sparse: costs no disk
    const result = await readArticleFile(huge);
    expect(result.articles).toEqual([]);
    expect(result.rejected).toEqual([{ path: huge, reason: "File is larger than 10 MB (11,534,336 bytes); split it into smaller files." }]);
    await rm(huge);
  });

  it("answers a missing file, a folder, an empty file and a binary file with one rejection each", async () => {
    await writeFile(join(root, "zero.txt"), "");
    await writeFile(join(root, "blob.bin.txt"), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]));
    const reasons = await Promise.all(
      ["missing.txt", "nested", "zero.txt", "blob.bin.txt"].map(async (name) => (await readArticleFile(join(root, name))).rejected.map((r) => r.reason)),
    );
    expect(reasons).toEqual([
      ["File does not exist; check the path."],
      ["Is a folder, not a file; pass it to listArticleFiles to read the files inside."],
      ["File is empty."],
      ["File looks like a binary file, not text (it contains NUL bytes)."],
    ]);
  });

  it("reports unreadable permissions (root reads anyway, so then the file simply parses)", async () => {
    const locked = join(root, "locked.txt");
    await writeFile(locked, "Locked headline\n\nLocked body.");
    await chmod(locked, 0o000);
    const result = await readArticleFile(locked);
    await chmod(locked, 0o644);
    if (process.getuid?.() === 0) {
      expect(result.articles).toEqual([{ title: "Locked headline", body: "Locked body." }]);
    } else {
      expect(result.rejected).toEqual([{ path: locked, reason: "File cannot be read: permission denied; make it readable or run newsbot as a user who can read it." }]);
    }
  });

  it("words file-system errors as one sentence with the fix", () => {
    const error = (code: string) => Object.assign(new Error(`${code}: failed`), { code });
    expect(fsReason(error("EACCES"), "File")).toBe("File cannot be read: permission denied; make it readable or run newsbot as a user who can read it.");
    expect(fsReason(error("ENOENT"), "Folder")).toBe("Folder does not exist; check the path.");
    expect(fsReason(error("EIO"), "File")).toBe("File cannot be read (EIO: failed).");
  });
});
