// Applying a filter to a story: whether it takes the story, and which terms decided it, each with
// the fact found in the story ("person:biden (names Joe Biden)", "-source:mail (Daily Mail ran it)").
import type { Article, EntityKind } from "../article.js";
import { outletOf } from "../outlet.js";
import { hasPhrase, wordsOf } from "../relevance.js";
import { count } from "../text.js";
import type { FilterNode } from "./parser.js";

/** What a filter reads of a story. */
export interface FilterStory {
  articles: readonly Article[];
  /** Distinct outlets over the whole story. */
  outlets: number;
}

/** What a filter knows beyond the story: the names each followed source's articles go by, so that
 * `source:3` means the outlet source 3 is. */
export interface FilterContext {
  sourceNames?: ReadonlyMap<number, readonly string[]>;
}

/** One term that decided, and what the story holds for it. */
export interface FilterReason {
  term: string;
  fact: string;
}

export interface FilterVerdict {
  taken: boolean;
  /** The terms that decided, in the filter's order. */
  because: FilterReason[];
}

const ENTITY_NOUN: Readonly<Record<EntityKind, string>> = { person: "person", place: "place", organisation: "organisation" };

/** A story's words, read once per story however many terms ask. */
class StoryText {
  private headlines?: string[][];
  private bodies?: string[][];

  constructor(readonly story: FilterStory) {}

  headlineWords(): string[][] {
    return (this.headlines ??= this.story.articles.flatMap((a) => [a.title, ...a.copies.map((c) => c.title)]).map(wordsOf));
  }

  bodyWords(): string[][] {
    return (this.bodies ??= this.story.articles.map((a) => wordsOf(a.body)));
  }
}

function findWords(node: Extract<FilterNode, { kind: "words" }>, text: StoryText): FilterVerdict {
  const term = node.text;
  if (text.headlineWords().some((words) => hasPhrase(words, node.words))) return { taken: true, because: [{ term, fact: "in a headline" }] };
  const inBodies = text.bodyWords().filter((words) => hasPhrase(words, node.words)).length;
  if (inBodies) return { taken: true, because: [{ term, fact: `in ${inBodies} of ${count(text.story.articles.length, "report")}` }] };
  return { taken: false, because: [{ term, fact: "not in the story" }] };
}

function namesMatch(value: string, name: string): boolean {
  return hasPhrase(wordsOf(name), wordsOf(value));
}

function findEntity(node: Extract<FilterNode, { kind: "entity" }>, story: FilterStory): FilterVerdict {
  for (const article of story.articles) {
    const entity = article.entities.find((e) => e.kind === node.entity && namesMatch(node.value, e.name));
    if (entity) return { taken: true, because: [{ term: node.text, fact: `names ${entity.name}` }] };
  }
  return { taken: false, because: [{ term: node.text, fact: `names no such ${ENTITY_NOUN[node.entity]}` }] };
}

function findSource(node: Extract<FilterNode, { kind: "source" }>, story: FilterStory, context: FilterContext): FilterVerdict {
  const byId = /^\d+$/.test(node.value) ? context.sourceNames?.get(Number(node.value)) : undefined;
  if (/^\d+$/.test(node.value) && !byId) return { taken: false, because: [{ term: node.text, fact: `no source ${node.value} is followed` }] };
  const outlets = story.articles.flatMap((a) => [outletOf(a), ...a.copies.map(outletOf)]).filter((o): o is string => o !== undefined);
  const ran = outlets.find((outlet) => (byId ? byId.some((name) => wordsOf(name).join(" ") === wordsOf(outlet).join(" ")) : namesMatch(node.value, outlet)));
  if (ran) return { taken: true, because: [{ term: node.text, fact: `${ran} ran it` }] };
  return { taken: false, because: [{ term: node.text, fact: byId ? `${byId[0]} did not run it` : "no such outlet ran it" }] };
}

function findHeadline(node: Extract<FilterNode, { kind: "headline" }>, story: FilterStory): FilterVerdict {
  const headline = story.articles.flatMap((a) => [a.title, ...a.copies.map((c) => c.title)]).find((title) => node.pattern.matcher(title).find());
  if (headline) return { taken: true, because: [{ term: node.text, fact: `matches "${headline}"` }] };
  return { taken: false, because: [{ term: node.text, fact: "no headline matches" }] };
}

const COMPARE = { ">=": (a: number, b: number) => a >= b, "<=": (a: number, b: number) => a <= b, ">": (a: number, b: number) => a > b, "<": (a: number, b: number) => a < b, "=": (a: number, b: number) => a === b };

function judge(node: FilterNode, text: StoryText, context: FilterContext): FilterVerdict {
  switch (node.kind) {
    case "words":
      return findWords(node, text);
    case "entity":
      return findEntity(node, text.story);
    case "source":
      return findSource(node, text.story, context);
    case "headline":
      return findHeadline(node, text.story);
    case "outlets":
      return { taken: COMPARE[node.op](text.story.outlets, node.count), because: [{ term: node.text, fact: count(text.story.outlets, "outlet") }] };
    case "not": {
      // The facts of the term negated, under the negation as it was typed.
      const inner = judge(node.child, text, context);
      return { taken: !inner.taken, because: inner.because.map(({ fact }) => ({ term: node.text, fact })) };
    }
    case "and": {
      // Taken: every term took it. Dropped: by the first term that did not.
      const because: FilterReason[] = [];
      for (const child of node.children) {
        const verdict = judge(child, text, context);
        if (!verdict.taken) return verdict;
        because.push(...verdict.because);
      }
      return { taken: true, because };
    }
    case "or": {
      // Taken: by the first term that took it. Dropped: no term took it.
      const because: FilterReason[] = [];
      for (const child of node.children) {
        const verdict = judge(child, text, context);
        if (verdict.taken) return verdict;
        because.push(...verdict.because);
      }
      return { taken: false, because };
    }
  }
}

export function applyFilter(filter: FilterNode, story: FilterStory, context: FilterContext = {}): FilterVerdict {
  return judge(filter, new StoryText(story), context);
}

/** "taken: person:biden (names Joe Biden), outlets>=3 (5 outlets)". */
export function describeVerdict(verdict: FilterVerdict): string {
  return `${verdict.taken ? "taken" : "dropped"}: ${verdict.because.map((r) => `${r.term} (${r.fact})`).join(", ")}`;
}
