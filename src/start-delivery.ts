// Delivery, wired from the environment: the digest files and the channels' own briefings, the
// outbox-backed queue with a courier per target's platform (as the platform declares it), and the
// scheduler that runs them.
import os from "node:os";
import type { Reply } from "./core/card.js";
import type { Newsroom } from "./core/newsroom.js";
import type { Config } from "./config.js";
import type { Log } from "./log.js";
import { unreachable, type Courier } from "./core/delivery/courier.js";
import type { Delivery } from "./core/delivery/outbox.js";
import type { DigestDefinition } from "./core/delivery/definition.js";
import { DeliveryQueue } from "./core/delivery/queue.js";
import { DigestScheduler } from "./core/delivery/scheduler.js";
import { AlertWatch } from "./core/alerts/watch.js";
import { findPlatform } from "./adapters/index.js";

/** The digest files, then the channels' own digests. */
export async function allDigests(newsroom: Newsroom): Promise<DigestDefinition[]> {
  return [...newsroom.channels.fileDigests, ...(await newsroom.channels.digests())];
}

export interface DeliveryOptions {
  /** Where terminal targets print; without it they fail with a clear reason. */
  print?: (reply: Reply) => void;
  /** The connected chat platforms' couriers, by platform; a platform without one fails its deliveries with a reason. */
  couriers?: ReadonlyMap<string, Courier>;
}

export function startDelivery(newsroom: Newsroom, config: Pick<Config, "NEWSBOT_CATCHUP_GRACE"> & Partial<Pick<Config, "NEWSBOT_LEASE_SECONDS" | "DATABASE_URL">>, log: Log, options: DeliveryOptions = {}) {
  const courierFor = (delivery: Delivery): Courier => {
    const name = delivery.target.platform;
    const connected = options.couriers?.get(name);
    if (connected) return connected;
    const platform = findPlatform(name);
    if (platform?.courier) return platform.courier(delivery, { print: options.print, fileDigests: newsroom.channels.fileDigests });
    return unreachable(platform?.notConnected ?? `this newsbot knows no platform "${name}"`);
  };
  const about = (d: Delivery) => ({ digest: d.digest, slot: d.slot.toISOString(), target: d.targetKey, late: d.late, attempts: d.attempts });
  const queue = new DeliveryQueue(newsroom.store, courierFor, {
    sent: (d) => log.info(about(d), `${d.digest} delivered to ${d.targetKey}`),
    retrying: (d, error, at) => log.warn({ ...about(d), error, retryAt: at.toISOString() }, `${d.digest} to ${d.targetKey} failed, will retry`),
    failed: (d, error) => log.error({ ...about(d), error }, `${d.digest} to ${d.targetKey} failed: ${error}`),
    crashed: (d, error) => log.error({ ...about(d), error: (error as Error).message }, `${d.targetKey}: deliveries stopped until restart`),
    leftToOther: (d) => log.debug(about(d), `${d.digest} to ${d.targetKey}: sent or being sent by another replica`),
    waiting: (d) => log.debug(about(d), `${d.digest} to ${d.targetKey}: waits for the target's earlier delivery to go out first`),
  }, { owner: replicaName(config), ...(config.NEWSBOT_LEASE_SECONDS !== undefined && { leaseMs: config.NEWSBOT_LEASE_SECONDS * 1000 }) });
  const scheduler = new DigestScheduler(newsroom, queue, () => allDigests(newsroom), {
    graceMs: config.NEWSBOT_CATCHUP_GRACE,
    events: {
      skipped: (digest, slots, reason) =>
        log.warn({ digest, slots: slots.length, latest: slots.at(-1)?.toISOString() }, `${digest}: ${slots.length} slot(s) skipped, ${reason}`),
      error: (digest, error) => log.error({ digest, error: (error as Error).message }, `${digest}: could not prepare the briefing`),
    },
  });
  newsroom.channels.onChange = () => scheduler.reload();
  const alerts = new AlertWatch(newsroom, (d) => queue.enqueue(d), {
    onHeld: (rule, storyId) => log.info({ channel: rule.channel, storyId }, `alert on "${rule.topic}" held back for ${rule.platform}:${rule.channel}: its alerts for the hour are spent`),
  });
  return {
    queue,
    scheduler,
    /** Checks the stories a polling round touched against the channels' alerts; never throws. */
    async alertAfter(reports: ReadonlyArray<{ stories: number[] }>): Promise<void> {
      try {
        await alerts.storiesTouched(reports.flatMap((r) => r.stories));
      } catch (error) {
        log.error({ error: (error as Error).message }, "could not check the alerts after polling; the next round checks its own stories");
      }
    },
    /** Stops the schedules, lets in-flight sends finish; what is unsent stays in the outbox. */
    async stop() {
      await scheduler.stop();
      await queue.stop();
    },
  };
}

/** Who this process is among replicas sharing a database: its host and process. On SQLite (one
 * process per file) a fixed name, so that a restart takes up its own leases at once. */
function replicaName(config: Pick<Config, "DATABASE_URL">): string {
  return config.DATABASE_URL ? `${os.hostname()}/${process.pid}` : "newsbot";
}
