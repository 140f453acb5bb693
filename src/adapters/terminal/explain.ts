// `explain`: a slot of a digest, as text. Each target's delivery record, then each story of the
// window with why it was in the briefing or not.
import pc from "picocolors";
import type { Delivery } from "../../core/delivery/outbox.js";
import type { Considered } from "../../core/delivery/edition.js";
import type { Explanation } from "../../core/delivery/explain.js";
import { describeVerdict } from "../../core/filter/filter.js";
import { isCentral, type TopicRelevance } from "../../core/relevance.js";
import { count, coverageWords } from "../../core/text.js";
import { formatTime, plain, type RenderOptions } from "./render.js";

function when(date: Date, o: RenderOptions): string {
  return formatTime(date.toISOString(), o);
}

function describeDelivery(delivery: Delivery | undefined, o: RenderOptions): string {
  if (!delivery) return "nothing recorded: the slot was not handled (newsbot was not running, or the digest did not exist yet)";
  const attempts = count(delivery.attempts, "attempt");
  const late = delivery.late ? ", late" : "";
  switch (delivery.status) {
    case "sent":
      return `sent ${when(delivery.sentAt ?? delivery.createdAt, o)} (${attempts}${late})`;
    case "pending": {
      const retry = delivery.retryAt ? `; next attempt ${when(delivery.retryAt, o)}` : "";
      const error = delivery.lastError ? `; last error: ${plain(delivery.lastError)}` : "";
      return `not sent yet (${attempts}${late}${error}${retry})`;
    }
    case "failed":
      return `failed (${attempts}${late}): ${plain(delivery.lastError ?? "unknown error")}`;
    case "skipped":
      return `skipped: ${plain(delivery.note ?? "")}`;
  }
}

/** Where one topic stands in a story, in an editor's words: "iraq in the headline", "iraq only
 * mentioned in passing (1 of 12 articles)". The count is said when the story has several articles. */
function describeTopic(r: TopicRelevance): string {
  const of = r.of > 1 ? ` (${r.articles} of ${count(r.of, "article")})` : "";
  switch (r.where) {
    case "headline":
      return `${r.topic} in the headline${of}`;
    case "lede":
      return `${r.topic} in the lede${of}`;
    case "names":
      return `${r.topic} among the most mentioned names${of}`;
    case "passing":
      return `${r.topic} only mentioned in passing${of}`;
    case "none":
      return `not about ${r.topic}`;
  }
}

/** Why a story is on the topics (the central ones), or why not (every topic). */
function describeRelevance(relevance: TopicRelevance[]): string {
  const central = relevance.filter(isCentral);
  return (central.length ? central : relevance).map(describeTopic).join("; ");
}

function describeDecision(entry: Considered, explanation: Explanation, o: RenderOptions): string {
  const { decision, relevance } = entry;
  const parts = [relevance && describeRelevance(relevance), entry.filter && `filter ${plain(describeVerdict(entry.filter))}`].filter(Boolean);
  const why = parts.length ? `: ${parts.join("; ")}` : "";
  switch (decision.kind) {
    case "chosen":
      return (decision.update ? `chosen, #${decision.position} (an update: new reports since it was sent)` : `chosen, #${decision.position}`) + why;
    case "topic":
    case "filter":
      return `left out${why}`;
    case "source-cap":
      return `left out: ${plain(decision.outlet)} already leads ${count(decision.max, "story", "stories")} of this briefing (maxPerSource)`;
    case "already-sent":
      return `left out: already sent to this target with the slot of ${when(decision.slot, o)}, nothing new since`;
    case "cut":
      return `left out: ranked ${decision.rank}, below the cut of ${explanation.digest.maxStories}${relevance ? `; ${describeRelevance(relevance)}` : ""}`;
    case "arrived-later":
      return "not in it: stored after this briefing was prepared";
  }
}

function storyLine(entry: Considered, explanation: Explanation, o: RenderOptions, c: ReturnType<typeof pc.createColors>): string {
  const mark = entry.decision.kind === "chosen" ? c.green("✓") : c.dim("✗");
  const coverage = coverageWords(entry.outlets, entry.reports).join(", ");
  return `  ${mark} [story ${entry.storyId}] ${plain(entry.headline)} ${c.dim(`(${coverage})`)}\n      ${describeDecision(entry, explanation, o)}`;
}

export function renderExplanation(explanation: Explanation, o: RenderOptions): string {
  const c = pc.createColors(o.color);
  const { digest } = explanation;
  const local = { ...o, timeZone: digest.timezone };
  const topics = digest.topics.length ? `topics ${digest.topics.join(", ")}` : "all topics";
  const lines = [
    c.bold(`Digest "${plain(digest.name)}", slot ${when(explanation.slot, local)} ${digest.timezone} (${explanation.slot.toISOString()})`),
    `Schedule "${digest.schedule}" · window ${when(explanation.since, local)} to ${when(explanation.slot, local)} · ${topics} · at most ${count(digest.maxStories, "story", "stories")}`,
  ];
  for (const target of explanation.targets) {
    lines.push("", `${c.bold(`To ${target.targetKey}`)}: ${describeDelivery(target.delivery, o)}`);
    if (target.delivery) lines.push(c.dim(`  idempotency key ${target.delivery.idempotencyKey}`));
    if (target.considered.length === 0) lines.push("  No stories in the window.");
    for (const entry of target.considered) lines.push(storyLine(entry, explanation, o, c));
  }
  return lines.join("\n") + "\n";
}
