// The process log: what it writes to stderr, and that pino loads only with the first line written.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Runs `script` in a process of its own with `log = createLog(level)`; `pinoLoaded()` says whether
 * pino has been required yet. */
function withLog(level: string, script: string) {
  const source = `
    import { createRequire } from "node:module";
    import { createLog } from "./src/log.ts";
    const require = createRequire(import.meta.url);
    const pinoLoaded = () => Object.keys(require.cache).some((file) => file.includes("/node_modules/pino/"));
    const log = createLog(${JSON.stringify(level)});
    ${script}`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", source], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
  return { stdout: result.stdout, lines: result.stderr.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("the log", () => {
  it("writes nothing and loads no pino for lines below its level", () => {
    const { stdout, lines } = withLog("warn", `log.debug("detail"); log.info({ added: 3 }, "sources file applied"); console.log(pinoLoaded());`);
    expect(stdout.trim()).toBe("false");
    expect(lines).toEqual([]);
  });

  it("writes lines at and above its level to stderr as JSON, credentials redacted", () => {
    const { stdout, lines } = withLog(
      "info",
      `console.log(pinoLoaded()); log.debug("detail"); log.info({ added: 3 }, "sources file applied"); log.warn({ token: "xoxb-1-2", DISCORD_TOKEN: "abc" }, "careful"); console.log(pinoLoaded());`,
    );
    expect(stdout.trim().split("\n")).toEqual(["false", "true"]);
    expect(lines.map(({ level, msg, added, token, DISCORD_TOKEN, name }) => ({ level, msg, added, token, DISCORD_TOKEN, name }))).toEqual([
      { level: 30, msg: "sources file applied", added: 3, token: undefined, DISCORD_TOKEN: undefined, name: "newsbot" },
      { level: 40, msg: "careful", added: undefined, token: "[redacted]", DISCORD_TOKEN: "[redacted]", name: "newsbot" },
    ]);
  });
});
