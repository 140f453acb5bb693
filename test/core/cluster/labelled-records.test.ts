import { describe, expect, it } from "vitest";
import { parseLabelledRecords } from "../../../bench/labelled-records.js";

const record = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: "uci-1",
    title: "Fed official says weak data caused by weather",
    body: "",
    url: "http://example.com/fed",
    source: "Los Angeles Times",
    publishedAt: "2014-03-10T16:52:50.698000Z",
    label: "ddUyU0VZz0BRneMioxUPQVP6sIxvM",
    ...fields,
  });

describe("bench:cluster's labelled records", () => {
  it("parses {id, title, body, source, publishedAt, label} a line, keeping an empty body and skipping blank lines", () => {
    const records = parseLabelledRecords(`${record()}\n\n${record({ id: "uci-2", body: "Text." })}\r\n`);
    expect(records).toEqual([
      {
        id: "uci-1",
        title: "Fed official says weak data caused by weather",
        body: "",
        source: "Los Angeles Times",
        publishedAt: "2014-03-10T16:52:50.698000Z",
        label: "ddUyU0VZz0BRneMioxUPQVP6sIxvM",
      },
      expect.objectContaining({ id: "uci-2", body: "Text." }),
    ]);
  });

  it("rejects a bad line with its line number", () => {
    expect(() => parseLabelledRecords(`${record()}\n{"id": "uci-2",`)).toThrow(/^line 2: not JSON/);
    expect(() => parseLabelledRecords(`${record()}\n\n${record({ id: "uci-3", label: undefined })}`)).toThrow(/^line 3: label: /);
    expect(() => parseLabelledRecords(record({ publishedAt: "last Tuesday" }))).toThrow(/^line 1: publishedAt: /);
    expect(() => parseLabelledRecords(`${record()}\n${record()}`)).toThrow(/^line 2: id "uci-1" appears twice/);
  });
});
