// Search: turns what a user typed after /story into a safe TextQuery, widening known topics to all
// their names (syria -> Syria, Syrian, Damascus ...), and finds the closest topics when nothing matches.
import { distance } from "fastest-levenshtein";
import { resolveTopic, type Topic } from "./nlp/places.js";
import type { KnownTopic, TextQuery } from "../store/store.js";

/** Longer input is cut here: nobody means a 2,000-character topic, and it must never fail. */
const MAX_QUERY_CHARS = 200;
const MAX_WORDS = 12;
/** The longest topic name looked up as one phrase ("united arab emirates"). */
const MAX_PHRASE_WORDS = 3;
/** Words that say nothing about a topic. Search syntax words (OR, AND, NOT, NEAR) are among them. */
const FILLER = new Set(
  "a an and are as at be but by for from has have in into is it its news of on or not near the to was were what whats with about any latest story stories".split(" "),
);

export interface TopicQuery {
  /** The words kept from the user's text, as typed. */
  words: string[];
  /** The known topics the words named. */
  topics: Topic[];
  query: TextQuery;
}

/** Words of letters and digits, joined through inner apostrophes, dots and hyphens (al-Assad, U.S.). */
function wordsOf(text: string): string[] {
  return text.normalize("NFC").slice(0, MAX_QUERY_CHARS).match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*\.?/gu) ?? [];
}

export function parseTopicQuery(text: string): TopicQuery {
  const words = wordsOf(text)
    .filter((w) => !FILLER.has(w.toLowerCase()))
    .slice(0, MAX_WORDS);
  const topics: Topic[] = [];
  const groups: string[][] = [];
  for (let i = 0; i < words.length; ) {
    let matched = false;
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1 && !matched; n--) {
      const topic = resolveTopic(words.slice(i, i + n).join(" "));
      if (topic) {
        topics.push(topic);
        groups.push(topic.terms);
        i += n;
        matched = true;
      }
    }
    if (!matched) groups.push([words[i++]!.replace(/\.$/, "")]);
  }
  return { words, topics, query: { groups, match: "all" } };
}

function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The known topics nearest to what was typed (by edit distance, prefixes count as near), or the
 * most covered ones when none is near.
 */
export function closestTopics(typed: string, known: KnownTopic[], count = 5): string[] {
  const wanted = fold(typed.trim());
  if (!wanted) return known.slice(0, count).map((t) => t.name);
  const near = known
    .map((topic) => {
      const name = fold(topic.name);
      const prefix = name.startsWith(wanted) || wanted.startsWith(name);
      const score = prefix ? 0 : distance(wanted, name) / Math.max(wanted.length, name.length);
      return { topic, score };
    })
    .filter((t) => t.score <= 0.4)
    .sort((a, b) => a.score - b.score || b.topic.articles - a.topic.articles);
  const chosen = near.length > 0 ? near.map((t) => t.topic) : known;
  return chosen.slice(0, count).map((t) => t.name);
}
