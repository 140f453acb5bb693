// A person's mention as news annotators mark it: from the first to the last proper noun, so with the
// affiliation before a role word ("Facebook creator Mark Zuckerberg", "Liverpool chief executive
// Rick Parry") or after "of" / "from" ("Michael Tien of NPP", "Cyd Ho from the Labour Party"). The
// entity's name stays the person's; only the mention's span widens (what bench:entities scores).
import type { Mention } from "./classify.js";
import { matchPlace } from "../places.js";
import { FUNCTION, GROUP_ADJECTIVES, KNOWN, NAMEISH, ROLE, TITLE } from "./lexicon.js";
import type { Token } from "./tokens.js";

const isRoleWord = (t: Token | undefined): boolean => t !== undefined && !t.name && (t.flags & (ROLE | TITLE)) !== 0;

/** A capitalised word that is a name, not a sentence's "His" or "The". */
const isProperWord = (t: Token | undefined): boolean =>
  t !== undefined && t.name && (t.flags & FUNCTION) === 0 && (!t.initial || (t.flags & KNOWN) === 0 || (t.flags & NAMEISH) !== 0);

const isNationality = (t: Token): boolean => GROUP_ADJECTIVES.has(t.lower) || matchPlace(t.text)?.form === "demonym";

/** Sets `writtenFrom` / `writtenTo` of a person's full-name mention spanning tokens[first..last]. */
export function markAffiliation(m: Mention, tokens: Token[], first: number, last: number): void {
  if (m.kind !== "person" || m.tokens < 2) return;
  // One or two role words in lower case ("creator", "chief executive"), a name before them.
  let k = first;
  while (k > first - 2 && !tokens[k]!.broken && isRoleWord(tokens[k - 1])) k--;
  if (m.titledFrom === undefined && k < first && !tokens[k]!.broken) {
    k--;
    // "English captain Harry Kane": a nationality is an adjective, not a proper noun of the mention.
    if (isProperWord(tokens[k]) && !isNationality(tokens[k]!)) {
      while (k > 0 && isProperWord(tokens[k - 1]) && !tokens[k]!.broken) k--;
      m.writtenFrom = tokens[k]!.pos;
    }
  }
  const link = tokens[last + 1];
  if (!link || link.broken || (link.text !== "of" && link.text !== "from")) return;
  let j = last + 2;
  if (tokens[j]?.text === "the" && !tokens[j]!.broken) j++;
  let end: Token | undefined;
  for (; tokens[j]?.name && !tokens[j]!.broken; j++) end = tokens[j];
  if (end) m.writtenTo = end.pos + end.text.length;
}
