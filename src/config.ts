// Configuration from the environment, validated once at start-up with a message that names the
// variable and what it expects.
import { z } from "zod";
import type { ClusterConfig } from "./core/cluster/config.js";
import { DEFAULT_SOURCES_FILE, IntervalMinutes } from "./core/sources/source.js";
import { DEFAULT_DIGESTS_DIR } from "./core/delivery/digest-files.js";
import { Duration, TimeZone } from "./core/delivery/definition.js";
import { TimeOfDay } from "./core/delivery/channel.js";
import { PlatformSettings } from "./adapters/index.js";

/** An on/off setting: true/false, 1/0, yes/no, on/off (any case). */
const Flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { error: "must be true or false" }))
  .transform((value) => ["true", "1", "yes", "on"].includes(value));

export const Config = z.object({
  NEWSBOT_DB: z.string().trim().min(1, "must be a file path").default("./data/newsbot.db"),
  /** PostgreSQL instead of the SQLite file: postgres://user:password@host:5432/database. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
  NEWSBOT_SOURCES: z.string().trim().min(1, "must be a file path").default(DEFAULT_SOURCES_FILE),
  NEWSBOT_POLL_MINUTES: z.coerce.number().pipe(IntervalMinutes).default(10),
  /** The newest items one poll stores from a feed; the rest are left out, and the poll says how many. */
  NEWSBOT_MAX_ITEMS_PER_POLL: z.coerce.number().int().min(1).max(100_000).default(200),
  /** Off by default: the bot fetches feeds and pages for chat users, so loopback, private and
   * link-local addresses are refused unless the operator runs feeds on their own network. */
  NEWSBOT_ALLOW_PRIVATE_ADDRESSES: Flag.default(false),
  /** Platform user ids who may change what affects the whole bot (sources), besides workspace
   * admins (Slack) and members with Manage Server (Discord). */
  NEWSBOT_ADMINS: z
    .string()
    .default("")
    .transform((ids) => ids.split(",").map((id) => id.trim()).filter(Boolean)),
  // Story clustering (see ClusterConfig for what each means and its default).
  NEWSBOT_STORY_JOIN_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  NEWSBOT_STORY_HEADLINE_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  NEWSBOT_NEAR_DUPLICATE_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  NEWSBOT_STORY_WINDOW_DAYS: z.coerce.number().positive().optional(),
  // Delivery: the digest files, channels' default briefing time, and how late a missed slot may still go out.
  NEWSBOT_DIGESTS: z.string().trim().min(1, "must be a folder path").default(DEFAULT_DIGESTS_DIR),
  NEWSBOT_TIMEZONE: TimeZone.default("UTC"),
  NEWSBOT_BRIEFING_TIME: TimeOfDay.default("08:00"),
  NEWSBOT_CATCHUP_GRACE: Duration.prefault("6h"),
  /** Replicas (DATABASE_URL): how long a claim on a slot or a delivery lasts unrenewed, so how soon
   * another replica takes up the work of one that died. Longer than one send can take. */
  NEWSBOT_LEASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  // Each platform's own settings (its credentials, its API's URL), as it declares them.
  ...PlatformSettings.shape,
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

/** The clustering settings the environment overrides; the rest keep their defaults. */
export function clusterSettings(config: Config): Partial<ClusterConfig> {
  const settings: Partial<ClusterConfig> = {};
  if (config.NEWSBOT_STORY_JOIN_THRESHOLD !== undefined) settings.joinThreshold = config.NEWSBOT_STORY_JOIN_THRESHOLD;
  if (config.NEWSBOT_STORY_HEADLINE_THRESHOLD !== undefined) settings.headlineJoinThreshold = config.NEWSBOT_STORY_HEADLINE_THRESHOLD;
  if (config.NEWSBOT_NEAR_DUPLICATE_THRESHOLD !== undefined) settings.nearDuplicateThreshold = config.NEWSBOT_NEAR_DUPLICATE_THRESHOLD;
  if (config.NEWSBOT_STORY_WINDOW_DAYS !== undefined) settings.windowDays = config.NEWSBOT_STORY_WINDOW_DAYS;
  return settings;
}
