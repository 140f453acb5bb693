// Statements and row readers made at their first use (src/store/sqlite/lazy.ts), not when the store opens.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { lazily, madeAtFirstCall } from "../../src/store/sqlite/lazy.js";

describe("sqlite lazy statements", () => {
  it("prepare each statement at its first read, once, and only that one", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE t (x integer)");
    const prepared: string[] = [];
    const prepare = (sql: string) => {
      prepared.push(sql);
      return db.prepare(sql);
    };
    const statements = lazily({
      insert: () => prepare("INSERT INTO t (x) VALUES (?)"),
      count: () => prepare("SELECT count(*) AS n FROM t"),
      broken: () => prepare("SELECT * FROM missing"),
    });
    expect(prepared).toEqual([]);
    statements.insert.run(1);
    statements.insert.run(2);
    expect(prepared).toEqual(["INSERT INTO t (x) VALUES (?)"]);
    expect(statements.count.get()).toEqual({ n: 2 });
    expect(Object.keys(statements)).toEqual(["insert", "count", "broken"]);
    // SQL that does not fit the schema fails where it is used, every time.
    expect(() => statements.broken).toThrow(/no such table: missing/);
    expect(() => statements.broken).toThrow(/no such table: missing/);
    db.close();
  });

  it("make a row reader at its first call, once", () => {
    let made = 0;
    const read = madeAtFirstCall(() => {
      made++;
      return (raw: unknown, suffix: string) => `${String(raw)}${suffix}`;
    });
    expect(made).toBe(0);
    expect(read(1, "!")).toBe("1!");
    expect(read(2, "?")).toBe("2?");
    expect(made).toBe(1);
  });
});
