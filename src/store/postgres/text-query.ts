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
  /** A tsquery for ranking. */
  tsquery: string;
  /** A boolean over the vector column: the tsquery, with each phrase inside one field. */
  condition: string;
  values: string[];
}

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
  const tsquery = groups.map((terms) => `(${terms.map((t) => t.phrase).join(" || ")})`).join(join);
  const exact = groups.map((terms) => `(${terms.flatMap((t) => t.inOneField ?? []).join(" || ")})`).join(join);
  return { tsquery, condition: `${column} @@ (${exact})`, values };
}
