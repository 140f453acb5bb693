// Search: turns what a user typed after /story into a safe TextQuery, widening known topics to all
// their names (syria -> Syria, Syrian, Damascus ...), and finds the closest topics when nothing matches.
import { distance } from "fastest-levenshtein";
import { foldKey, resolveTopic, type Topic } from "./nlp/places.js";
import { STOP_WORDS } from "./nlp/stopwords.js";
import type { KnownTopic, TextQuery } from "./storage/index.js";

/** Longer input is cut here: nobody means a 2,000-character topic, and it must never fail. */
const MAX_QUERY_CHARS = 200;
const MAX_WORDS = 12;
/** The longest topic name looked up as one phrase ("united arab emirates"). */
const MAX_PHRASE_WORDS = 3;
/** Words that say nothing about a topic: function words (and "us", which NLTK's list lacks), search
 * syntax (OR, NEAR), and "news". */
const FILLER = new Set([...STOP_WORDS, "us", "near", "news", "latest", "story", "stories", "whats"]);

/**
 * Whether a word can narrow a search. The full-text index ignores case, so a topic's name that is a
 * filler word in lower case ("US") would match every "us": it is left to the topic's other names
 * (United States, U.S., American).
 */
function meaningful(term: string): boolean {
  return !FILLER.has(term.toLowerCase());
}

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
    .filter(meaningful)
    .slice(0, MAX_WORDS);
  const topics: Topic[] = [];
  const groups: string[][] = [];
  for (let i = 0; i < words.length; ) {
    let matched = false;
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1 && !matched; n--) {
      const topic = resolveTopic(words.slice(i, i + n).join(" "));
      if (topic) {
        topics.push(topic);
        groups.push(topic.terms.filter(meaningful));
        i += n;
        matched = true;
      }
    }
    if (!matched) groups.push([words[i++]!.replace(/\.$/, "")]);
  }
  return { words, topics, query: { groups, match: "all" } };
}

/**
 * The known topics nearest to what was typed (by edit distance, prefixes count as near), or the
 * most covered ones when none is near.
 */
export function closestTopics(typed: string, known: KnownTopic[], count = 5): string[] {
  const wanted = foldKey(typed);
  if (!wanted) return known.slice(0, count).map((t) => t.name);
  const near = known
    .map((topic) => {
      const name = foldKey(topic.name);
      const prefix = name.startsWith(wanted) || wanted.startsWith(name);
      const score = prefix ? 0 : distance(wanted, name) / Math.max(wanted.length, name.length);
      return { topic, score };
    })
    .filter((t) => t.score <= 0.4)
    .sort((a, b) => a.score - b.score || b.topic.articles - a.topic.articles);
  const chosen = near.length > 0 ? near.map((t) => t.topic) : known;
  return chosen.slice(0, count).map((t) => t.name);
}
