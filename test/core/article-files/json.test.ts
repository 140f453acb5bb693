// JSON, single-object JSON and JSON Lines: good records kept, bad ones rejected with where and why.
import { describe, expect, it } from "vitest";
import { parseArticleFile } from "../../../src/core/article-files/index.js";

const bytes = (text: string) => Buffer.from(text, "utf8");

describe("JSON articles", () => {
  it("reads an array, cleans the fields and turns publishedAt into a Date", () => {
    const json = JSON.stringify([
      { title: " Rates  rise ", body: "Para one.\r\nPara two.", url: "https://example.com/a", source: "Wire", publishedAt: "2024-06-01T10:00:00Z", imageCaption: "A bank" },
      { title: "Second", body: "Only para.", extra: "ignored" },
    ]);
    const parsed = parseArticleFile(bytes(json), "a.json");
    expect(parsed.format).toBe("json");
    expect(parsed.rejected).toEqual([]);
    expect(parsed.articles).toEqual([
      { title: "Rates rise", body: "Para one.\n\nPara two.", url: "https://example.com/a", source: "Wire", publishedAt: new Date("2024-06-01T10:00:00Z"), imageCaption: "A bank" },
      { title: "Second", body: "Only para." },
    ]);
  });

  it("reads a single object and fills in the default source; null optional fields count as absent", () => {
    const parsed = parseArticleFile(bytes('{"title": "T", "body": "B", "url": null}'), "one.json", { source: "Desk" });
    expect(parsed.articles).toEqual([{ title: "T", body: "B", source: "Desk" }]);
  });

  it("keeps good records and rejects bad ones with file:line and the field name", () => {
    const json = ['[', '  {"title": "Good", "body": "Fine."},', '  {"body": "No title"},', '  {"title": "Bad link", "body": "x", "url": "javascript:alert(1)"},', '  "just a string"', ']'].join("\n");
    const parsed = parseArticleFile(bytes(json), "mixed.json");
    expect(parsed.articles.map((a) => a.title)).toEqual(["Good"]);
    expect(parsed.rejected).toEqual([
      { path: "mixed.json:3", reason: 'Field "title" is missing.' },
      { path: "mixed.json:4", reason: 'Field "url" is invalid (must be an http(s) URL).' },
      { path: "mixed.json:5", reason: 'Record is a string, not an object with "title" and "body".' },
    ]);
  });

  it("reads JSON Lines with CRLF endings, rejecting a bad line by its line number", () => {
    const jsonl = ['{"title": "One", "body": "First."}', "", '{"title": "Two", "body": "Second.", "publishedAt": "not a date"}', '{"title": "Three", "body": "Third."', '{"title": "Four", "body": "Fourth."}'].join("\r\n");
    const parsed = parseArticleFile(bytes(jsonl), "feed.jsonl");
    expect(parsed.format).toBe("json");
    expect(parsed.articles.map((a) => a.title)).toEqual(["One", "Four"]);
    expect(parsed.rejected).toEqual([
      { path: "feed.jsonl:3", reason: 'Field "publishedAt" is invalid (publishedAt must be a date).' },
      { path: "feed.jsonl:4", reason: "Malformed JSON on this line at column 36: Expected ',' or '}' after property value." },
    ]);
  });

  it("reports malformed JSON with its line and column", () => {
    const parsed = parseArticleFile(bytes('[\n  {"title": "A", "body": "B",}\n]'), "broken.json");
    expect(parsed.articles).toEqual([]);
    expect(parsed.rejected).toEqual([
      {
        path: "broken.json:2",
        reason: "Malformed JSON at line 2, column 30: Expected double-quoted property name; fix the syntax, or write one record per line (JSON Lines).",
      },
    ]);
  });

  // V8 reads "nope" as a broken "null": the bad token is the "o" in column 11.
  it("locates an unexpected token that V8 reports without a position", () => {
    const parsed = parseArticleFile(bytes('{"title": "A",\n "body": nope}'), "token.json");
    expect(parsed.rejected).toEqual([
      { path: "token.json:2", reason: "Malformed JSON at line 2, column 11: Unexpected token 'o'; fix the syntax, or write one record per line (JSON Lines)." },
    ]);
  });

  it("rejects the wrong shape and an empty array with a clear reason", () => {
    expect(parseArticleFile(bytes("[]"), "empty.json").rejected).toEqual([{ path: "empty.json", reason: "JSON array is empty; there are no articles in it." }]);
    const numbers = parseArticleFile(bytes("[1, 2]"), "numbers.json");
    expect(numbers.rejected.map((r) => r.reason)).toEqual([
      'Record is a number, not an object with "title" and "body".',
      'Record is a number, not an object with "title" and "body".',
    ]);
    const wrapped = parseArticleFile(bytes('{"articles": [{"title": "T", "body": "B"}]}'), "wrapped.json");
    expect(wrapped.rejected).toEqual([{ path: "wrapped.json:1", reason: 'Field "title" is missing.' }]);
  });

  it("treats prose that merely starts with a bracket as text, and a broken .json file as JSON", () => {
    const prose = parseArticleFile(bytes("[Updated] Storm hits coast\n\nThe storm arrived at dawn."), "storm.txt");
    expect(prose.format).toBe("headline");
    expect(prose.articles[0]?.title).toBe("[Updated] Storm hits coast");
    const broken = parseArticleFile(bytes("{title: 'x'}"), "bad.json");
    expect(broken.format).toBe("json");
    expect(broken.rejected[0]?.reason).toMatch(/^Malformed JSON at line 1, column 2: /);
  });
});
