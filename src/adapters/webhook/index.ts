// Webhooks as a platform: `{ "platform": "webhook", "format": "slack" | "discord" | "json", "url" }`
// in a digest file POSTs the briefing to the URL. The URL is a secret (whoever has it can post): it
// stays in the digest file, and everywhere else the target goes by its key (a host and a hash).
import { createHash } from "node:crypto";
import { z } from "zod";
import { WebUrl } from "../../core/article.js";
import { unreachable } from "../../core/delivery/courier.js";
import { targetKey, type Target } from "../../core/delivery/targets.js";
import { declarePlatform } from "../platform.js";
import { WebhookCourier } from "./courier.js";

/** user:password@ in a URL: fetch refuses to send to one, so such a webhook could never be delivered to. */
function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== "" || parsed.password !== "";
  } catch {
    return false;
  }
}

export const WebhookTarget = z.strictObject({
  platform: z.literal("webhook"),
  /** slack: Slack incoming-webhook JSON; discord: Discord webhook JSON; json: the digest itself. */
  format: z.enum(["slack", "discord", "json"], { error: 'expected "slack", "discord" or "json"' }),
  url: WebUrl.refine((url) => !hasCredentials(url), "must not contain a user name or password"),
});
export type WebhookTarget = z.infer<typeof WebhookTarget>;

export const webhook = declarePlatform({
  name: "webhook",
  settings: z.object({}),
  target: {
    platform: "webhook",
    schema: WebhookTarget,
    // Named by its host and a hash of the URL, never the URL itself.
    key: ({ format, url }) => {
      const hash = createHash("sha256").update(String(url)).digest("hex").slice(0, 10);
      return `webhook:${String(format)}:${new URL(String(url)).host}#${hash}`;
    },
    ref: (target) => ({ platform: "webhook", format: target.format }),
  },
  courier: (delivery, { fileDigests }) => {
    // The outbox keeps no URL: the digest files have it, under the same key.
    const found = fileDigests.flatMap((d) => d.targets).find((t: Target) => t.platform === "webhook" && targetKey(t) === delivery.targetKey);
    const target = WebhookTarget.safeParse(found);
    if (!target.success) return unreachable(`${delivery.targetKey} is no longer a target of any digest file`);
    return new WebhookCourier(target.data.url, target.data.format);
  },
  runsUnattended: true,
});
