// Configuration from the environment, validated once at start-up with a message that names the
// variable and what it expects.
import { z } from "zod";
import { DEFAULT_SOURCES_FILE, IntervalMinutes } from "./core/sources/source.js";

export const Config = z.object({
  NEWSBOT_DB: z.string().trim().min(1, "must be a file path").default("./data/newsbot.db"),
  NEWSBOT_SOURCES: z.string().trim().min(1, "must be a file path").default(DEFAULT_SOURCES_FILE),
  NEWSBOT_POLL_MINUTES: z.coerce.number().pipe(IntervalMinutes).default(10),
  NEWSBOT_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
});
export type Config = z.infer<typeof Config>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    throw new ConfigError(`invalid environment: ${problems.join("; ")}`);
  }
  return parsed.data;
}
