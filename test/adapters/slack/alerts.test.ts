// Alerts to Slack channels through the real queue, the ChatCourier and the Bolt app's Web API
// client, against the fake Slack: posted once (also when checked again, or by a second watch), in
// the story's thread when it has one, mentioning the chosen user group and nobody else, and a story
// held back over the hourly budget named in the channel's next briefing.
import { afterEach, describe, expect, it } from "vitest";
import { AlertWatch } from "../../../src/core/alerts/watch.js";
import { DigestDefinition } from "../../../src/core/delivery/definition.js";
import { DeliveryQueue } from "../../../src/core/delivery/queue.js";
import { DigestScheduler } from "../../../src/core/delivery/scheduler.js";
import { textOf } from "../../fakes/slack-api.js";
import { startTestSlack, type TestSlack } from "../../fakes/slack-app.js";

let slack: TestSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

const rule = (channel: string, topic: string, mention?: string) => ({ platform: "slack", channel, topic, minOutlets: 1, withinHours: 5, createdAt: new Date(), ...(mention ? { mention } : {}) });

describe("alerts to Slack", () => {
  it("posts each alert once, into the story's thread when it has one, pinging only the chosen group; the held one is named in the next briefing", async () => {
    slack = await startTestSlack();
    const s = slack;
    const queue = new DeliveryQueue(s.store, () => s.adapter.courier);
    const morning = DigestDefinition.parse({ name: "morning", schedule: "0 8 * * *", targets: [{ platform: "slack", channel: "C1" }] });
    const scheduler = new DigestScheduler(s.newsroom, queue, async () => [morning]);
    await scheduler.handleSlot(morning, new Date(), false);
    await queue.idle();
    const briefed = s.fake.messages.length;
    const threads = await s.store.threads.forStories({ platform: "slack", channel: "C1" }, [1, 2, 3]);
    const damascus = [...threads.values()].find((t) => s.fake.messages.find((m) => m.ts === t.threadId)?.text === "Talks resume in Damascus")!;

    await s.store.alerts.save(rule("C1", "damascus", "S0ONCALL1"));
    await s.store.alerts.save(rule("C1", "aleppo"));
    await s.store.alerts.save(rule("C2", "damascus"));
    const watch = new AlertWatch(s.newsroom, (d) => queue.enqueue(d), { perHour: 1 });
    const touched = [1, 2, 3];
    expect(await watch.storiesTouched(touched)).toHaveLength(2);
    expect(await watch.storiesTouched(touched)).toHaveLength(0);
    expect(await new AlertWatch(s.newsroom, (d) => queue.enqueue(d)).storiesTouched(touched)).toHaveLength(0);
    await queue.idle();

    const alerts = s.fake.messages.slice(briefed);
    expect(alerts).toHaveLength(2);
    const inThread = alerts.find((m) => m.channel === "C1")!;
    expect(inThread.thread_ts).toBe(damascus.threadId);
    expect(inThread.text).toBe("<!subteam^S0ONCALL1> Alert on “damascus”: reported by 1 outlet within 5 hours: Talks resume in Damascus");
    expect(textOf(inThread.blocks).split("\n")[0]).toBe("<!subteam^S0ONCALL1> Alert on “damascus”: reported by 1 outlet within 5 hours");
    // A channel where the story has no thread yet gets it as a new message, which becomes its thread.
    const fresh = alerts.find((m) => m.channel === "C2")!;
    expect(fresh.thread_ts).toBeUndefined();
    expect(fresh.text).toBe("Alert on “damascus”: reported by 1 outlet within 5 hours: Talks resume in Damascus");
    expect((await s.store.threads.forStories({ platform: "slack", channel: "C2" }, [Number(damascus.storyId)])).get(damascus.storyId)?.threadId).toBe(fresh.ts);
    // The group is the only mention newsbot ever writes.
    expect(s.fake.messages.filter((m) => JSON.stringify(m).includes("<!subteam")).map((m) => m.ts)).toEqual([inThread.ts]);

    // C1 had its one alert for the hour: Aleppo waits for the next briefing, which says so.
    await scheduler.handleSlot(morning, new Date(Date.now() + 60_000), false);
    await queue.idle();
    const [opening] = s.fake.messages.slice(briefed + 2);
    expect(opening?.channel).toBe("C1");
    expect(textOf(opening!.blocks)).toContain("1 alert held back: this channel had its 3 alerts for the hour.");
    expect(textOf(opening!.blocks)).toContain("Aleppo reopens its airport (“aleppo”)");
  });
});
