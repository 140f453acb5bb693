// Turns a TextQuery into an FTS5 MATCH expression. Every term is a quoted string, so quotes,
// parentheses, OR, NEAR, *, -, : and column names in user text are only ever words.
import type { TextQuery } from "../../core/storage/index.js";

/** A term with no letter or digit would be an empty phrase; FTS5 rejects those. */
const HAS_WORD = /[\p{L}\p{N}]/u;

function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** Each group's quoted terms, once each; groups left empty are dropped. */
function quotedGroups(query: TextQuery): string[][] {
  return query.groups.map((terms) => [...new Set(terms.filter((t) => HAS_WORD.test(t)))].map(quote)).filter((terms) => terms.length > 0);
}

/** The phrases of the MATCH expression, in its order, as FTS5 counts them (bm25 weighs each one). */
export function ftsPhrases(query: TextQuery): string[] {
  return quotedGroups(query).flat();
}

/** The MATCH expression, or undefined when nothing searchable is left. */
export function toFtsQuery(query: TextQuery): string | undefined {
  const groups = quotedGroups(query).map((terms) => (terms.length === 1 ? terms[0] : `(${terms.join(" OR ")})`));
  if (groups.length === 0) return undefined;
  return groups.join(query.match === "all" ? " AND " : " OR ");
}
