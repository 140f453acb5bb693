// Every WikiRef220 and BBC News article in the shared data folder (NEWSBOT_DATA, default
// ../shared/data beside the repository) must give exactly one clean article. A fresh clone has no
// such folder: then the test checks that its absence is reported rather than silently passing.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { listArticleFiles, readArticleFile } from "../../../src/core/article-files/index.js";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DATA = resolve(REPO_ROOT, process.env.NEWSBOT_DATA ?? "../shared/data");
const WIKIREF = join(DATA, "wikiref220");
const BBC = join(DATA, "bbc-news-summary", "News Articles");
const present = existsSync(WIKIREF) && existsSync(BBC);
// eslint-disable-next-line no-control-regex -- looking for leftover control characters is the point
const UNCLEAN = /[\uFFFD\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** *.txt files below a folder, found without the code under test. */
function textFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".txt") && !/readme/i.test(name));
}

async function checkEveryFile(folder: string): Promise<{ files: number; problems: string[] }> {
  const { files, rejected } = await listArticleFiles([folder]);
  expect(rejected).toEqual([]);
  expect(files).toHaveLength(textFiles(folder).length);
  const problems: string[] = [];
  for (const file of files) {
    const { articles, rejected: fileRejected } = await readArticleFile(file);
    const article = articles[0];
    if (articles.length !== 1 || !article || fileRejected.length > 0) problems.push(`${file}: ${articles.length} articles, ${JSON.stringify(fileRejected)}`);
    else if (!article.title || !article.body) problems.push(`${file}: empty title or body`);
    else if (UNCLEAN.test(article.title) || UNCLEAN.test(article.body)) problems.push(`${file}: U+FFFD or a control character left`);
  }
  return { files: files.length, problems };
}

describe(`shared data at ${DATA}`, () => {
  if (!present) {
    it("is absent here, and listArticleFiles says so instead of finding nothing quietly", async () => {
      console.warn(`newsbot: ${DATA} not found; set NEWSBOT_DATA to run the real-data ingest check.`);
      const { files, rejected } = await listArticleFiles([WIKIREF]);
      expect(files).toEqual([]);
      expect(rejected).toEqual([{ path: WIKIREF, reason: "Path does not exist; check the path." }]);
    });
    return;
  }

  it("reads every WikiRef220 file (CRLF, cp1252, 0x85 ellipses) into exactly one clean article", async () => {
    const { files, problems } = await checkEveryFile(WIKIREF);
    expect(problems).toEqual([]);
    expect(files).toBeGreaterThan(100);
    // Byte 0x85 in this cp1252 file is an ellipsis, not a NEL line break.
    const paris = await readArticleFile(join(WIKIREF, "ParisAttacks2015 (24).txt"));
    expect(paris.articles[0]?.body).toContain("in order to apprehend me \u2026 All those arrested");
  });

  it("reads every BBC News file into exactly one clean article", async () => {
    const { files, problems } = await checkEveryFile(BBC);
    expect(problems).toEqual([]);
    expect(files).toBeGreaterThan(1000);
    const ink = await readArticleFile(join(BBC, "tech", "001.txt"));
    expect(ink.articles[0]?.title).toBe("Ink helps drive democracy in Asia");
  });
});
