// Digest definitions: what a valid one looks like, what an operator is told when one is wrong, and
// how digest files are read from a folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DigestDefinition, parseDuration, targetKey, type DigestDefinitionInput } from "../../../src/core/delivery/definition.js";
import { DigestFileError, readDigestFiles } from "../../../src/core/delivery/digest-files.js";

const HOUR = 3_600_000;
const DISCORD_HOOK = "https://discord.com/api/webhooks/123456789012345678/s3cr3t-T0ken_value";

/** The example from the issue: a morning briefing to a Slack channel and a Discord webhook. */
const ISSUE_EXAMPLE = {
  name: "morning",
  schedule: "0 8 * * *",
  timezone: "Europe/London",
  window: "24h",
  maxStories: 8,
  topics: ["syria", "climate policy"],
  whenEmpty: "notice",
  targets: [
    { platform: "slack", channel: "C0123456" },
    { platform: "webhook", format: "discord", url: DISCORD_HOOK },
  ],
};

const minimal = { name: "brief", schedule: "0 8 * * *", targets: [{ platform: "terminal" }] };

/** The issues of a definition that should be refused, as "path: message". */
function problems(input: unknown): string[] {
  const parsed = DigestDefinition.safeParse(input);
  expect(parsed.success, `expected ${JSON.stringify(input)} to be refused`).toBe(false);
  return parsed.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("DigestDefinition", () => {
  it("accepts the issue's example, turning the window into milliseconds", () => {
    expect(DigestDefinition.parse(ISSUE_EXAMPLE)).toEqual({
      ...ISSUE_EXAMPLE,
      window: 24 * HOUR,
    });
  });

  it("fills in the defaults: UTC, a 24 hour window, 8 stories, all topics, a notice when empty", () => {
    expect(DigestDefinition.parse(minimal)).toEqual({
      name: "brief",
      schedule: "0 8 * * *",
      timezone: "UTC",
      window: 24 * HOUR,
      maxStories: 8,
      topics: [],
      whenEmpty: "notice",
      targets: [{ platform: "terminal" }],
    });
  });

  it("accepts a 6-field cron expression with seconds first", () => {
    const parsed = DigestDefinition.parse({ ...minimal, schedule: "30 0 8 * * 1-5" });
    expect(parsed.schedule).toBe("30 0 8 * * 1-5");
  });

  it.each([
    ["24h", 24 * HOUR],
    ["90m", 90 * 60_000],
    ["2d", 48 * HOUR],
    ["1d12h", 36 * HOUR],
  ])("reads the window %s", (window, ms) => {
    expect(DigestDefinition.parse({ ...minimal, window }).window).toBe(ms);
    expect(parseDuration(window)).toBe(ms);
  });

  it("refuses a cron expression of the wrong length, naming the field and the expected form", () => {
    expect(problems({ ...minimal, schedule: "0 8 * *" })).toEqual([
      'schedule: expected a cron expression of 5 fields (or 6 with seconds), such as "0 8 * * *"; got 4',
    ]);
    expect(problems({ ...minimal, schedule: "0 0 0 8 * * *" })[0]).toMatch(/^schedule: expected a cron expression of 5 fields .*got 7$/);
  });

  it("refuses a cron field out of range", () => {
    const [problem, ...rest] = problems({ ...minimal, schedule: "61 * * * *" });
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^schedule: expected a cron expression such as "0 8 \* \* \*"/);
    expect(problem).toContain("61");
  });

  // cron-parser (which validates and computes the slots) reads "H" as a hashed value; node-cron (which
  // the scheduler runs the schedule with) throws on it, so a digest with it stops the whole scheduler
  // at start-up with node-cron's message instead of the file and the field.
  it("refuses a schedule the scheduler's cron runner cannot run", () => {
    expect(problems({ ...minimal, schedule: "H 8 * * *" })).toEqual([expect.stringMatching(/^schedule: expected a cron expression/)]);
  });

  it("refuses a timezone that is not an IANA zone", () => {
    expect(problems({ ...minimal, timezone: "Mars/Olympus_Mons" })).toEqual([
      'timezone: expected an IANA timezone such as "Europe/London", got "Mars/Olympus_Mons"',
    ]);
  });

  it.each(["soon", "24", "0h", "-1h", "24 hours", ""])("refuses the window %j", (window) => {
    expect(problems({ ...minimal, window })).toEqual([`window: expected a duration such as "24h", "90m" or "2d", got ${JSON.stringify(window)}`]);
  });

  it("refuses an unknown platform", () => {
    expect(problems({ ...minimal, targets: [{ platform: "teams", channel: "C1" }] })).toEqual([
      'targets.0.platform: expected a platform of "terminal", "slack", "discord" or "webhook"',
    ]);
  });

  it("refuses a webhook with an unknown format or a URL that is not http(s)", () => {
    expect(problems({ ...minimal, targets: [{ platform: "webhook", format: "xml", url: "https://hooks.example/a" }] })).toEqual([
      'targets.0.format: expected "slack", "discord" or "json"',
    ]);
    for (const url of ["ftp://hooks.example/a", "javascript:alert(1)", "file:///etc/passwd", "not a url"]) {
      expect(problems({ ...minimal, targets: [{ platform: "webhook", format: "json", url }] })).toEqual(["targets.0.url: must be an http(s) URL"]);
    }
    // The second target is the one at fault, and the path says so.
    expect(
      problems({ ...minimal, targets: [{ platform: "terminal" }, { platform: "webhook", format: "slack", url: "ftp://x.example" }] }),
    ).toEqual(["targets.1.url: must be an http(s) URL"]);
  });

  it("refuses a digest with no targets", () => {
    expect(problems({ ...minimal, targets: [] })).toEqual(["targets: expected at least one target"]);
    const { targets: _targets, ...withoutTargets } = minimal;
    expect(problems(withoutTargets)).toEqual([expect.stringMatching(/^targets: /)]);
  });

  it("refuses bad channel ids, story counts, empty choices and unknown fields", () => {
    expect(problems({ ...minimal, targets: [{ platform: "slack", channel: "#general" }] })[0]).toMatch(/^targets\.0\.channel: expected a channel id/);
    expect(problems({ ...minimal, maxStories: 0 })[0]).toMatch(/^maxStories: /);
    expect(problems({ ...minimal, maxStories: 26 })[0]).toMatch(/^maxStories: /);
    expect(problems({ ...minimal, whenEmpty: "silent" })).toEqual(['whenEmpty: expected "notice" or "skip"']);
    expect(problems({ ...minimal, shedule: "0 9 * * *" })[0]).toMatch(/shedule/);
    expect(problems({ ...minimal, name: "my digest" })[0]).toMatch(/^name: expected letters, digits, - and _/);
  });
});

describe("targetKey", () => {
  it("names chat targets by platform and channel", () => {
    expect(targetKey({ platform: "terminal" })).toBe("terminal");
    expect(targetKey({ platform: "slack", channel: "C0123456" })).toBe("slack:C0123456");
    expect(targetKey({ platform: "discord", channel: "123456789012345678" })).toBe("discord:123456789012345678");
  });

  it("never contains a webhook URL's path, token, query or credentials", () => {
    const urls = [
      DISCORD_HOOK,
      "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXsecretXXXX",
      "https://receiver.example:8443/hook?token=querysecret",
      "https://user:passwordsecret@receiver.example/path-secret",
    ];
    const keys = urls.map((url) => targetKey({ platform: "webhook", format: "json", url }));
    expect(keys[0]).toMatch(/^webhook:json:discord\.com#[0-9a-f]{10}$/);
    expect(keys[2]).toMatch(/^webhook:json:receiver\.example:8443#[0-9a-f]{10}$/);
    for (const key of keys) {
      for (const secret of ["s3cr3t", "T0ken", "123456789012345678", "api/webhooks", "secret", "services", "password", "user"]) {
        expect(key).not.toContain(secret);
      }
    }
  });

  it("tells two webhooks on the same host apart, and the same webhook by format", () => {
    const a = targetKey({ platform: "webhook", format: "discord", url: DISCORD_HOOK });
    const b = targetKey({ platform: "webhook", format: "discord", url: DISCORD_HOOK.replace("s3cr3t", "other") });
    expect(a).not.toBe(b);
    expect(targetKey({ platform: "webhook", format: "discord", url: DISCORD_HOOK })).toBe(a);
    expect(targetKey({ platform: "webhook", format: "json", url: DISCORD_HOOK })).not.toBe(a);
  });
});

describe("readDigestFiles", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbot-digests-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: DigestDefinitionInput | Record<string, unknown> | string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
  };

  it("reads the sample the repository ships in digests/", async () => {
    const digests = await readDigestFiles(path.join(import.meta.dirname, "../../../digests"));
    expect(digests).toContainEqual({
      name: "morning",
      schedule: "0 8 * * *",
      timezone: "Europe/London",
      window: 24 * HOUR,
      maxStories: 8,
      topics: [],
      whenEmpty: "notice",
      targets: [{ platform: "terminal" }],
    });
  });

  it("reads every .json file, by file name order, the name defaulting to the file's", async () => {
    const { name: _name, ...unnamed } = ISSUE_EXAMPLE;
    write("morning.json", unnamed);
    write("b-evening.json", { ...minimal, name: "evening", schedule: "0 18 * * *" });
    write("README.md", "not a digest");
    write("notes.json.bak", "{ broken");
    const digests = await readDigestFiles(dir);
    expect(digests.map((d) => d.name)).toEqual(["evening", "morning"]);
    expect(digests[1]).toEqual({ ...ISSUE_EXAMPLE, window: 24 * HOUR });
  });

  it("names the file when it is not JSON", async () => {
    const file = write("broken.json", "{ schedule: 0 8 * * * }");
    const error = await readDigestFiles(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestFileError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/not valid JSON/);
  });

  it("names the file, the field and what was expected when a field is wrong", async () => {
    write("a-fine.json", minimal);
    const file = write("london.json", { ...ISSUE_EXAMPLE, name: undefined, timezone: "Europe/Londn" });
    const error = await readDigestFiles(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestFileError);
    expect((error as Error).message).toBe(`the digest file ${file} is invalid: timezone: expected an IANA timezone such as "Europe/London", got "Europe/Londn"`);

    fs.rmSync(file);
    const webhook = write("hook.json", { ...minimal, name: "hook", targets: [{ platform: "webhook", format: "json", url: "ftp://x.example/h" }] });
    await expect(readDigestFiles(dir)).rejects.toThrow(`the digest file ${webhook} is invalid: targets.0.url: must be an http(s) URL`);
  });

  it("refuses a file that is not an object", async () => {
    const file = write("list.json", "[]");
    await expect(readDigestFiles(dir)).rejects.toThrow(DigestFileError);
    await expect(readDigestFiles(dir)).rejects.toThrow(file);
  });

  it("finds no digests in a folder that does not exist, unless a setting named that folder", async () => {
    expect(await readDigestFiles(path.join(dir, "absent"))).toEqual([]);
    await expect(readDigestFiles(path.join(dir, "absent"), { setBy: "NEWSBOT_DIGESTS" })).rejects.toThrow(
      `NEWSBOT_DIGESTS names the digests folder ${path.join(dir, "absent")}, which does not exist`,
    );
  });

  it("reads a file saved with a byte order mark", async () => {
    write("brief.json", `\uFEFF${JSON.stringify(minimal)}`);
    expect((await readDigestFiles(dir)).map((d) => d.name)).toEqual(["brief"]);
  });

  it("says where a file is not JSON without quoting it: it may hold a webhook's secret", async () => {
    const unquoted = write("hook.json", '{"targets": [{"platform": "webhook", "format": "json", "url": s3cr3t-webhook}]}');
    await expect(readDigestFiles(dir)).rejects.toThrow(new DigestFileError(`the digest file ${unquoted} is not valid JSON`));

    const file = write("hook.json", `{\n  "schedule": "0 8 * * *",\n  "targets": [{ "platform": "webhook", "format": "json", "url": "https://hooks.example/s3cr3t" x }]\n}`);
    const error = await readDigestFiles(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestFileError);
    expect((error as Error).message).toBe(`the digest file ${file} is not valid JSON (Expected ',' or '}' after property value, at line 3, column 96)`);
  });

  it("refuses a webhook URL with a user name or password, naming the file and the field, not the password", async () => {
    const file = write("morning.json", { ...minimal, name: "morning", targets: [{ platform: "webhook", format: "json", url: "https://bot:hunter22@hooks.example/h" }] });
    const error = await readDigestFiles(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestFileError);
    expect((error as Error).message).toBe(`the digest file ${file} is invalid: targets.0.url: must not contain a user name or password`);
    expect(problems({ ...minimal, targets: [{ platform: "webhook", format: "slack", url: "https://bot@hooks.example/h" }] })).toEqual([
      "targets.0.url: must not contain a user name or password",
    ]);
  });

  it("refuses two files with the same digest name", async () => {
    write("a.json", { ...minimal, name: "daily" });
    const second = write("b.json", { ...minimal, name: "daily" });
    const error = await readDigestFiles(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestFileError);
    expect((error as Error).message).toContain(second);
    expect((error as Error).message).toMatch(/"daily" is already the name of another digest file/);
  });

  it("keeps platform:channel names for the channels' own briefings", async () => {
    const file = write("slack.json", { ...minimal, name: "slack:C1" });
    const error = await readDigestFiles(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestFileError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/name: .*channels' own briefings/);
  });
});
