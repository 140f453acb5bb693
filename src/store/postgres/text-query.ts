// Turns a TextQuery into SQL over bound parameters: each term is one parameter, read by
// phraseto_tsquery as plain words (never as query syntax), so quotes, &, |, !, <->, :* and
// parentheses in user text are only ever words. Terms of a group are alternatives, groups are all
// needed ("all") or any ("any").
import type { TextQuery } from "../../core/storage/index.js";

/** A term with no letter or digit has no words to look for. */
const HAS_WORD = /[\p{L}\p{N}]/u;
/** The weights of the article's fields in its vector: title, entity names, body (002-search.sql). */
const FIELDS = ["A", "B", "D"];

export interface TextCondition {
  /** The relevance of a match of `condition`, at most 1: ts_rank over `column`, each word of several
   * weighing as much as a query's only word would (see `relevance`). */
  relevance: string;
  /** A boolean over the vector column: the tsquery, with each phrase inside one field. */
  condition: string;
  values: string[];
  /** For a query whose relevance a match with its words only in the body keeps low: see `head`. */
  head?: HeadCondition;
}

/** The matches with a query's word in the title or the entity names (009-search-head.sql). */
export interface HeadCondition {
  /** A boolean over the article row `a`: one of the query's words is in its title or entity names. */
  condition: string;
  /** No match without them (its words only in the body) is more relevant than this. */
  bodyBound: number;
}

/** ts_rank's weight of the body (D), of a word's every position when it is only in the body. */
const BODY_WEIGHT = 0.1;
/** Covers ts_rank's single-precision sums. */
const BODY_MARGIN = 1 + 1e-4;
/** A term of ASCII letters: one word to the parser, one lexeme to the stemmer. */
const ASCII_WORD = /^[A-Za-z]+$/;

/** A phrase's tsquery with each of its words weighed as one field: the phrase inside that field, as
 * ts_filter(vector, '{weight}') @@ phrase would match it without copying the vector. tsquery's text
 * quotes every word (an inner quote doubled), so weighing each quoted word is only text. */
function inField(phrase: string, weight: string): string {
  return `regexp_replace((${phrase})::text, '(''(?:[^'']|'''')*'')', '\\1:${weight}', 'g')::tsquery`;
}

/** A term of letters only: the parser reads it as one word. */
const ONE_WORD = /^\p{L}+$/u;
/** A phrase of letters, spaces and apostrophes: the parser reads each run of letters as a word. */
const PLAIN_PHRASE = /^[\p{L}\s'’]+$/u;

/** The same word, as the parser would lower it: exactly, or ASCII letters whatever their case. */
function sameWord(a: string, b: string): boolean {
  return a === b || (/^[A-Za-z]+$/.test(a) && a.toLowerCase() === b.toLowerCase());
}

/**
 * Whether a group's term adds no match to it: a phrase that holds a word another term of the group
 * is on its own ("People's Republic of China" beside "China"). Every article with the phrase in a
 * field has the word, so the group matches the same articles without it, and the index need not
 * read the phrase's common words ("of": nearly every article).
 */
function coveredBy(term: string, terms: string[]): boolean {
  if (ONE_WORD.test(term) || !PLAIN_PHRASE.test(term)) return false;
  const words = term.match(/\p{L}+/gu) ?? [];
  return terms.some((other) => other !== term && ONE_WORD.test(other) && words.some((word) => sameWord(word, other)));
}

/**
 * The SQL for `query` over the tsvector `column`, its parameters numbered from `first`; undefined
 * when nothing searchable is left. One vector holds every field, one after the other, so a phrase
 * could run from the end of the title into the body: FTS5 matches a phrase within one column, and
 * so does the condition here (each word of a phrase weighed as one field). The condition is one
 * tsquery, so that a row's vector is read once to check it (each function given a stored vector
 * reads it whole again); ranking takes the words unweighed.
 */
export function textCondition(query: TextQuery, column: string, first = 1): TextCondition | undefined {
  const values: string[] = [];
  const groups = query.groups
    .map((terms) => [...new Set(terms.filter((term) => HAS_WORD.test(term)))])
    .filter((terms) => terms.length > 0)
    .map((terms) =>
      terms.map((term) => {
        // Postgres text cannot hold NUL; it separates words like any other punctuation.
        values.push(term.replaceAll("\u0000", " "));
        const phrase = `phraseto_tsquery('newsbot', $${first + values.length - 1})`;
        const words = term.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
        const inOneField = words > 1 ? `(${FIELDS.map((field) => inField(phrase, field)).join(" || ")})` : phrase;
        return { phrase, inOneField: coveredBy(term, terms) ? undefined : inOneField };
      }),
    );
  if (groups.length === 0) return undefined;
  const join = query.match === "all" ? " && " : " || ";
  const exact = groups.map((terms) => `(${terms.flatMap((t) => t.inOneField ?? []).join(" || ")})`).join(join);
  const params = values.map((_, i) => `$${first + i}`);
  // A lone term is ranked as it is (a phrase by its words' nearness); several as alternatives, each
  // word's weight summed over the groups the match needs (all of them, or any one).
  const needed = query.match === "all" ? groups.length : 1;
  const several = values.length > 1 ? { params, needed } : undefined;
  const tsquery = several ? `(${groups.flatMap((terms) => terms.map((t) => t.phrase)).join(" || ")})` : groups[0]![0]!.phrase;
  const text: TextCondition = { relevance: relevance(column, tsquery, several), condition: `${column} @@ (${exact})`, values };
  const head = headCondition(values, params, needed);
  return head ? { ...text, head } : text;
}

/**
 * Words, alone or several (ranked as alternatives: `relevance`): ts_rank gives each word of the
 * query at most its first position's weight (calc_rank_or: the sum of w_j / j^2 over its positions,
 * over pi^2 / 6), a body's 0.1 when the word is only in the body; the relevance sums that over the
 * distinct words found, over the groups `needed`. So a match whose words are all only in the body
 * ranks at most 0.1 times the number of terms (distinct terms stem to at most as many words) over
 * `needed`. A lone phrase ranks pairs of positions, which many body positions can raise to nearly 1:
 * no bound then. The condition names the expression of 009-search-head.sql, so that its index
 * serves it.
 */
function headCondition(values: string[], params: string[], needed: number): HeadCondition | undefined {
  if (!values.every((term) => ASCII_WORD.test(term))) return undefined;
  const bodyBound = Math.min(1, (BODY_WEIGHT * values.length) / needed) * BODY_MARGIN;
  if (bodyBound >= 1) return undefined;
  const words = params.map((param) => `phraseto_tsquery('newsbot', ${param})`);
  return { condition: `(to_tsvector('newsbot', a.title) || to_tsvector('newsbot', a.entity_names)) @@ (${words.join(" || ")})`, bodyBound };
}

/**
 * The relevance of a match: ts_rank of the vector `column` against `tsquery`. Several words are
 * ranked as alternatives, whatever the match needs (the condition checks that): ts_rank's mean over
 * the query's distinct words of each word's weight in the vector. A topic named by six words would
 * rank an article with its name in the title at a sixth of what one word would, and an AND of two
 * words ranks by their nearness, which many body positions raise to nearly 1: either is far from a
 * bound search can narrow its slices with (a month of news read for "france" where "blair" reads a
 * few days; every match of "economy growth" ranked). Times the number of distinct words over the
 * groups `needed` (all of an AND's, one of an OR's), it is each word's weight summed per needed
 * group, capped at 1: "economy growth" with both words in the title ranks 1, with one in the title
 * and one in the body 0.55; a topic's words count as much as a title word together. A bound of 1
 * holds, and the order is ts_rank's but for the matches the cap ties, which recency then orders.
 */
function relevance(column: string, tsquery: string, several: { params: string[]; needed: number } | undefined): string {
  const rank = `ts_rank(${column}, ${tsquery})`;
  if (!several) return rank;
  // The distinct words, as the query's configuration stems them (once per query, not per row).
  const words = `(SELECT count(*) FROM unnest(tsvector_to_array(to_tsvector('newsbot', concat_ws(' ', ${several.params.join(", ")})))))`;
  return `least(1, ${rank}::float8 * ${words} / ${several.needed})`;
}
