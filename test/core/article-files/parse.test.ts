// parseArticleFile on input that cannot become articles: it answers with a reason, never throws.
import { describe, expect, it } from "vitest";
import { MAX_ARTICLE_FILE_BYTES, parseArticleFile } from "../../../src/core/article-files/index.js";

describe("parseArticleFile on unusable input", () => {
  const refused = (bytes: Uint8Array, path: string) => {
    const parsed = parseArticleFile(bytes, path);
    expect(parsed.articles).toEqual([]);
    expect(parsed.rejected).toHaveLength(1);
    expect(parsed.rejected[0]?.path).toBe(path);
    return parsed;
  };

  it("refuses an empty file and a whitespace-only file", () => {
    expect(refused(new Uint8Array(), "empty.txt").rejected[0]?.reason).toBe("File is empty.");
    expect(refused(Buffer.from(" \r\n\t\u200B\n"), "blank.txt").rejected[0]?.reason).toBe("File contains only whitespace.");
  });

  it("refuses a binary file", () => {
    const gzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c, 0x4a, 0x06, 0x00]);
    expect(refused(gzip, "archive.txt").rejected[0]?.reason).toBe("File looks like a binary file, not text (it contains NUL bytes).");
  });

  it("refuses bytes over the size cap, and reports the format the name suggests", () => {
    const parsed = refused(new Uint8Array(MAX_ARTICLE_FILE_BYTES + 1), "huge.json");
    expect(parsed.format).toBe("json");
    expect(parsed.rejected[0]?.reason).toBe("File is larger than 10 MB (10,485,761 bytes); split it into smaller files.");
  });

  it("refuses a web page or other XML instead of reading markup as a headline (feeds go to the feed parser)", () => {
    for (const page of ["<!DOCTYPE html>\n<html><body><p>x</p></body></html>", '<?xml version="1.0"?>\n<opml version="2.0"><body/></opml>']) {
      const reason = refused(Buffer.from(page), "page.txt").rejected[0]?.reason;
      expect(reason).toMatch(/^File looks like an XML or HTML document/);
    }
  });

  it("detects the format from content, not the extension", () => {
    expect(parseArticleFile(Buffer.from('[{"title":"T","body":"B"}]'), "notes.txt").format).toBe("json");
    expect(parseArticleFile(Buffer.from("Headline\n\nBody."), "data.json").format).toBe("headline");
  });

  it("never leaves U+FFFD or control characters in what it returns", () => {
    // cp1252 leaves 0x81 and 0x9D unassigned; NUL-free control bytes and a literal U+FFFD sneak in too.
    const bytes = Buffer.concat([Buffer.from([0x48, 0x65, 0x61, 0x64, 0x81, 0x0a, 0x0a, 0x42, 0x6f, 0x64, 0x79, 0x9d, 0x07, 0xe9])]);
    const parsed = parseArticleFile(bytes, "odd.txt");
    expect(parsed.articles).toEqual([{ title: "Head", body: "Bodyé" }]);
    expect(parseArticleFile(Buffer.from("Head\uFFFDline\n\nBo\u0000dy"), "x.txt").rejected[0]?.reason).toContain("binary");
    expect(parseArticleFile(Buffer.from("Head\uFFFDline\n\nBo\u0001dy"), "x.txt").articles).toEqual([{ title: "Headline", body: "Body" }]);
  });
});
