// Terminal times: the same text as Intl's en-GB medium date and short time, written without Intl in
// UTC, and the machine's zone told UTC only where Intl names it so.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatTime, machineZoneIsUtc, zoneName } from "../../../src/adapters/terminal/time.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const intl = (iso: string, timeZone?: string) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));

describe("terminal times", () => {
  it("write a time in UTC as Intl does: every month, both ends of a day, a minute before the next", () => {
    const isos = [];
    for (let month = 0; month < 12; month++) {
      for (const [day, hour, minute, second] of [[1, 0, 0, 0], [9, 9, 5, 59], [28, 12, 30, 0], [28, 23, 59, 59]] as const) {
        isos.push(new Date(Date.UTC(2026, month, day, hour, minute, second, 999)).toISOString());
      }
    }
    // And moments spread over two centuries (a fixed sequence, so a failure repeats).
    let seed = 7;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 48_271) % 2_147_483_647;
      isos.push(new Date(Date.UTC(1950, 0, 1) + (seed / 2_147_483_647) * 150 * 365.25 * 86_400_000).toISOString());
    }
    isos.push("1000-01-05T00:00:00Z", "9999-12-31T23:59:00Z", "0999-12-31T23:59:00Z", "2026-12-03T14:05:00+03:00");
    for (const iso of isos) expect(formatTime(iso, "UTC"), iso).toBe(intl(iso, "UTC"));
    expect(formatTime("2026-09-03T09:05:00Z", "UTC")).toBe("3 Sept 2026, 09:05");
  });

  it("use Intl in other zones, and refuse what Intl refuses", () => {
    expect(formatTime("2026-09-03T09:05:00Z", "Asia/Riyadh")).toBe("3 Sept 2026, 12:05");
    expect(formatTime("2026-12-03T23:30:00Z", "America/New_York")).toBe(intl("2026-12-03T23:30:00Z", "America/New_York"));
    expect(() => formatTime("not a time", "UTC")).toThrow(RangeError);
    expect(() => formatTime("2026-09-03T09:05:00Z", "Mars/Olympus")).toThrow(RangeError);
    expect(zoneName("Asia/Riyadh")).toBe("Asia/Riyadh");
  });

  it("tell the machine's zone UTC from TZ or /etc/localtime's link, and nothing else", () => {
    const noLink = () => {
      throw new Error("ENOENT");
    };
    const link = (target: string) => () => target;
    expect(machineZoneIsUtc({ TZ: "UTC" }, noLink)).toBe(true);
    expect(machineZoneIsUtc({ TZ: ":Etc/UTC" }, noLink)).toBe(true);
    expect(machineZoneIsUtc({ TZ: "Europe/London" }, link("/usr/share/zoneinfo/Etc/UTC"))).toBe(false);
    expect(machineZoneIsUtc({ TZ: "" }, link("/usr/share/zoneinfo/Etc/UTC"))).toBe(false);
    expect(machineZoneIsUtc({ TZ: ":/etc/localtime" }, link("/usr/share/zoneinfo/Etc/UTC"))).toBe(false);
    expect(machineZoneIsUtc({}, link("/usr/share/zoneinfo/Etc/UTC"))).toBe(true);
    expect(machineZoneIsUtc({}, link("../usr/share/zoneinfo/UTC"))).toBe(true);
    expect(machineZoneIsUtc({}, link("/usr/share/zoneinfo/Africa/Abidjan"))).toBe(false);
    expect(machineZoneIsUtc({}, noLink)).toBe(false);
  });

  it("show the machine's times and zone name as Intl does, whatever TZ says", () => {
    const script = `
      import { formatTime, machineZoneIsUtc, zoneName } from "./src/adapters/terminal/time.ts";
      const iso = "2026-07-04T23:45:00Z";
      const intl = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
      console.log(JSON.stringify({ utc: machineZoneIsUtc(), ours: [formatTime(iso), zoneName()], intl: [intl, String(Intl.DateTimeFormat().resolvedOptions().timeZone)] }));`;
    const shown = (tz: string | undefined) => {
      const env = { ...process.env, TZ: tz };
      if (tz === undefined) delete env.TZ;
      const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as { utc: boolean; ours: string[]; intl: string[] };
    };
    for (const tz of ["UTC", ":UTC", "Etc/UTC", "Zulu", "Europe/London", "Asia/Kolkata", undefined]) {
      const { utc, ours, intl } = shown(tz);
      expect(ours, String(tz)).toEqual(intl);
      if (tz !== undefined) expect(utc, tz).toBe(intl[1] === "UTC");
    }
  }, 120_000);
});
