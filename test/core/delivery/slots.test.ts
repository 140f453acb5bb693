// Slots: a schedule's instants in its timezone, across daylight-saving changes. The expected UTC
// instants below are worked out by hand from the zones' rules:
// - Europe/London is UTC+0 (GMT) until 01:00 UTC on Sunday 29 March 2026, then UTC+1 (BST) until
//   01:00 UTC on Sunday 25 October 2026. So 08:00 local is 08:00Z in winter and 07:00Z in summer.
// - America/New_York is UTC-5 (EST) until 07:00 UTC on Sunday 8 March 2026 (02:00 local), then
//   UTC-4 (EDT) until 06:00 UTC on Sunday 1 November 2026 (02:00 local). 08:00 local is 13:00Z in
//   winter and 12:00Z in summer.
import { describe, expect, it } from "vitest";
import { slotAfter, slotAtOrBefore, slotsBetween, type Schedulable } from "../../../src/core/delivery/slots.js";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const between = (digest: Schedulable, after: string, until: string, max = 100) => iso(slotsBetween(digest, new Date(after), new Date(until), max));
/** The slots of one UTC calendar day. */
const onDay = (digest: Schedulable, day: string) => between(digest, `${day}T00:00:00.000Z`, `${day}T23:59:59.999Z`);

describe("slots across daylight-saving changes", () => {
  const london8 = { schedule: "0 8 * * *", timezone: "Europe/London" };
  const newYork8 = { schedule: "0 8 * * *", timezone: "America/New_York" };

  it("keeps 08:00 London local across the spring change (29 March 2026)", () => {
    expect(between(london8, "2026-03-26T12:00:00Z", "2026-04-01T12:00:00Z")).toEqual([
      "2026-03-27T08:00:00.000Z",
      "2026-03-28T08:00:00.000Z",
      "2026-03-29T07:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
      "2026-03-31T07:00:00.000Z",
      "2026-04-01T07:00:00.000Z",
    ]);
  });

  it("keeps 08:00 London local across the autumn change (25 October 2026)", () => {
    expect(between(london8, "2026-10-22T12:00:00Z", "2026-10-28T12:00:00Z")).toEqual([
      "2026-10-23T07:00:00.000Z",
      "2026-10-24T07:00:00.000Z",
      "2026-10-25T08:00:00.000Z",
      "2026-10-26T08:00:00.000Z",
      "2026-10-27T08:00:00.000Z",
      "2026-10-28T08:00:00.000Z",
    ]);
  });

  it("keeps 08:00 New York local across the spring change (8 March 2026)", () => {
    expect(between(newYork8, "2026-03-06T00:00:00Z", "2026-03-10T23:00:00Z")).toEqual([
      "2026-03-06T13:00:00.000Z",
      "2026-03-07T13:00:00.000Z",
      "2026-03-08T12:00:00.000Z",
      "2026-03-09T12:00:00.000Z",
      "2026-03-10T12:00:00.000Z",
    ]);
  });

  it("keeps 08:00 New York local across the autumn change (1 November 2026)", () => {
    expect(between(newYork8, "2026-10-30T00:00:00Z", "2026-11-03T23:00:00Z")).toEqual([
      "2026-10-30T12:00:00.000Z",
      "2026-10-31T12:00:00.000Z",
      "2026-11-01T13:00:00.000Z",
      "2026-11-02T13:00:00.000Z",
      "2026-11-03T13:00:00.000Z",
    ]);
  });

  it("agrees going forward: slotAfter steps through the same instants", () => {
    const forward: string[] = [];
    let at = new Date("2026-03-27T12:00:00Z");
    for (let i = 0; i < 4; i++) {
      at = slotAfter(london8, at)!;
      forward.push(at.toISOString());
    }
    expect(forward).toEqual(["2026-03-28T08:00:00.000Z", "2026-03-29T07:00:00.000Z", "2026-03-30T07:00:00.000Z", "2026-03-31T07:00:00.000Z"]);
  });

  // 01:30 London does not exist on 29 March 2026: at 01:00 GMT the clocks jump to 02:00 BST. The
  // briefing still runs that day, once, in the hour after the change (01:00Z to 02:00Z).
  it("runs a time the spring change skips once, just after the change (01:30 London, 29 March)", () => {
    const london0130 = { schedule: "30 1 * * *", timezone: "Europe/London" };
    // The days either side, for reference: 01:30 GMT is 01:30Z, 01:30 BST is 00:30Z.
    expect(onDay(london0130, "2026-03-28")).toEqual(["2026-03-28T01:30:00.000Z"]);
    expect(onDay(london0130, "2026-03-30")).toEqual(["2026-03-30T00:30:00.000Z"]);

    const changeDay = onDay(london0130, "2026-03-29");
    expect(changeDay).toHaveLength(1);
    const slot = new Date(changeDay[0]!).getTime();
    expect(slot).toBeGreaterThanOrEqual(Date.parse("2026-03-29T01:00:00Z"));
    expect(slot).toBeLessThan(Date.parse("2026-03-29T02:00:00Z"));
    // And over the three days, three briefings.
    expect(between(london0130, "2026-03-28T00:00:00Z", "2026-03-30T23:59:59Z")).toHaveLength(3);
  });

  // 01:30 London happens twice on 25 October 2026: at 00:30Z (BST) and again at 01:30Z (GMT). The
  // briefing runs once, the first time.
  it("runs a time the autumn change repeats once, the first time (01:30 London, 25 October)", () => {
    const london0130 = { schedule: "30 1 * * *", timezone: "Europe/London" };
    expect(onDay(london0130, "2026-10-24")).toEqual(["2026-10-24T00:30:00.000Z"]);
    expect(onDay(london0130, "2026-10-26")).toEqual(["2026-10-26T01:30:00.000Z"]);
    expect(onDay(london0130, "2026-10-25")).toEqual(["2026-10-25T00:30:00.000Z"]);
    expect(between(london0130, "2026-10-24T00:00:00Z", "2026-10-26T23:59:59Z")).toEqual([
      "2026-10-24T00:30:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-26T01:30:00.000Z",
    ]);
  });

  // The same in New York: 02:30 does not exist on 8 March (02:00 EST jumps to 03:00 EDT at 07:00Z);
  // 01:30 happens twice on 1 November (05:30Z in EDT, 06:30Z in EST).
  it("runs a time skipped in New York once (02:30, 8 March)", () => {
    const skipped = onDay({ schedule: "30 2 * * *", timezone: "America/New_York" }, "2026-03-08");
    expect(skipped).toHaveLength(1);
    expect(Date.parse(skipped[0]!)).toBeGreaterThanOrEqual(Date.parse("2026-03-08T07:00:00Z"));
    expect(Date.parse(skipped[0]!)).toBeLessThan(Date.parse("2026-03-08T08:00:00Z"));
  });

  it("runs a time repeated in New York once, the first time (01:30, 1 November)", () => {
    expect(onDay({ schedule: "30 1 * * *", timezone: "America/New_York" }, "2026-11-01")).toEqual(["2026-11-01T05:30:00.000Z"]);
  });
});

describe("slotsBetween bounds", () => {
  const hourly = { schedule: "0 * * * *", timezone: "UTC" };

  it("excludes `after` and includes `until`", () => {
    expect(between(hourly, "2026-05-01T10:00:00Z", "2026-05-01T13:00:00Z")).toEqual([
      "2026-05-01T11:00:00.000Z",
      "2026-05-01T12:00:00.000Z",
      "2026-05-01T13:00:00.000Z",
    ]);
    expect(between(hourly, "2026-05-01T10:00:00Z", "2026-05-01T10:00:00Z")).toEqual([]);
    expect(between(hourly, "2026-05-01T10:00:00.001Z", "2026-05-01T10:59:59.999Z")).toEqual([]);
    expect(between(hourly, "2026-05-01T09:59:59.999Z", "2026-05-01T10:00:00Z")).toEqual(["2026-05-01T10:00:00.000Z"]);
  });

  it("keeps the latest `max` slots, oldest first", () => {
    expect(between(hourly, "2026-05-01T00:00:00Z", "2026-05-01T13:30:00Z", 2)).toEqual(["2026-05-01T12:00:00.000Z", "2026-05-01T13:00:00.000Z"]);
    expect(between(hourly, "2026-05-01T00:00:00Z", "2026-05-01T13:30:00Z", 0)).toEqual([]);
    expect(between(hourly, "2026-04-30T00:00:00Z", "2026-05-01T00:00:00Z")).toHaveLength(24);
  });

  it("works with seconds, in the digest's timezone", () => {
    expect(between({ schedule: "*/20 * * * * *", timezone: "Asia/Tokyo" }, "2026-05-01T00:00:00Z", "2026-05-01T00:01:00Z")).toEqual([
      "2026-05-01T00:00:20.000Z",
      "2026-05-01T00:00:40.000Z",
      "2026-05-01T00:01:00.000Z",
    ]);
    // 09:00 in Tokyo (UTC+9, no daylight saving) is midnight UTC.
    expect(between({ schedule: "0 9 * * *", timezone: "Asia/Tokyo" }, "2026-04-30T12:00:00Z", "2026-05-01T12:00:00Z")).toEqual(["2026-05-01T00:00:00.000Z"]);
  });

  it("finds the slot at or before an instant, and the one strictly after", () => {
    const daily = { schedule: "0 8 * * *", timezone: "UTC" };
    expect(slotAtOrBefore(daily, new Date("2026-05-01T08:00:00Z"))?.toISOString()).toBe("2026-05-01T08:00:00.000Z");
    expect(slotAtOrBefore(daily, new Date("2026-05-01T07:59:59.999Z"))?.toISOString()).toBe("2026-04-30T08:00:00.000Z");
    expect(slotAfter(daily, new Date("2026-05-01T08:00:00Z"))?.toISOString()).toBe("2026-05-02T08:00:00.000Z");
    expect(slotAfter(daily, new Date("2026-05-01T07:59:59Z"))?.toISOString()).toBe("2026-05-01T08:00:00.000Z");
  });
});
