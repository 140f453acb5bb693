// Turns a TextQuery into SQL over bound parameters: each term is one parameter, read by
// phraseto_tsquery as plain words (never as query syntax), so quotes, &, |, !, <->, :* and
// parentheses in user text are only ever words. Terms of a group are alternatives, groups are all
// needed ("all") or any ("any").
import type { TextQuery } from "../../core/storage/index.js";

/** A term with no letter or digit has no words to look for. */
const HAS_WORD = /[\p{L}\p{N}]/u;
/** The weights of the article's fields in its vector: title, entity names, body (002-search.sql). */
const FIELDS = ["a", "b", "d"];

export interface TextCondition {
  /** A tsquery for the index and for ranking. */
  tsquery: string;
  /** A boolean over the vector column: the tsquery, with each phrase inside one field. */
  condition: string;
  values: string[];
}

/**
 * The SQL for `query` over the tsvector `column`, its parameters numbered from `first`; undefined
 * when nothing searchable is left. One vector holds every field, one after the other, so a phrase
 * could run from the end of the title into the body: FTS5 matches a phrase within one column, and
 * so does the condition here (the index finds candidates, ts_filter keeps the phrase in one field).
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
        const inOneField = words > 1 ? `(${FIELDS.map((field) => `ts_filter(${column}, '{${field}}') @@ ${phrase}`).join(" OR ")})` : `${column} @@ ${phrase}`;
        return { phrase, inOneField };
      }),
    );
  if (groups.length === 0) return undefined;
  const join = query.match === "all" ? { tsquery: " && ", condition: " AND " } : { tsquery: " || ", condition: " OR " };
  const tsquery = groups.map((terms) => `(${terms.map((t) => t.phrase).join(" || ")})`).join(join.tsquery);
  const phrases = groups.map((terms) => `(${terms.map((t) => t.inOneField).join(" OR ")})`).join(join.condition);
  return { tsquery, condition: `${column} @@ (${tsquery}) AND (${phrases})`, values };
}
