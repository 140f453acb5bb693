// A person's mention as news annotators mark it: from the first to the last proper noun, so with the
// affiliation before a role word ("Facebook creator Mark Zuckerberg", "Liverpool chief executive
// Rick Parry") or after "of" / "from" ("Michael Tien of NPP", "Cyd Ho from the Labour Party"). The
// entity's name stays the person's; only the mention's span widens (what bench:entities scores).
import type { Mention } from "./classify.js";
import { matchPlace } from "../places.js";
import { FUNCTION, GROUP_ADJECTIVES, KNOWN, NAMEISH, NOUN, ROLE, TIME, TITLE, VERB } from "./lexicon.js";
import { ALL_CAPS, type Token } from "./tokens.js";

const isRoleWord = (t: Token | undefined): boolean => t !== undefined && !t.name && (t.flags & (ROLE | TITLE)) !== 0;

/** A capitalised word that is a name, not a sentence's "His" or "The". */
const isProperWord = (t: Token | undefined): boolean =>
  t !== undefined && t.name && ((t.flags & FUNCTION) === 0 || ALL_CAPS.test(t.text)) && (!t.initial || (t.flags & KNOWN) === 0 || (t.flags & NAMEISH) !== 0);

/** A noun for what someone is, in lower case: "student", "campaigner", "artist". */
const isRoleNoun = (t: Token | undefined): boolean =>
  t !== undefined && !t.name && (t.flags & (VERB | FUNCTION | TIME)) === 0 && ((t.flags & (ROLE | TITLE | NOUN)) !== 0 || ((t.flags & KNOWN) === 0 && AGENT.test(t.lower)));
const AGENT = /^\p{Ll}{3,}(?:er|or|ist|ian|ant|ent)$/u;
/** A word before such a noun in its phrase: "political", "webcomic", "and" between two of them. */
const isModifier = (t: Token | undefined, before: Token | undefined): boolean =>
  t !== undefined && !t.name && (t.flags & (VERB | TIME)) === 0 && ((t.flags & FUNCTION) === 0 || (t.lower === "and" && before !== undefined && !before.name && (before.flags & FUNCTION) === 0));

const isNationality = (t: Token): boolean => GROUP_ADJECTIVES.has(t.lower) || matchPlace(t.text)?.form === "demonym";

/** Sets `writtenFrom` / `writtenTo` of a person's full-name mention spanning tokens[first..last]. */
export function markAffiliation(m: Mention, tokens: Token[], first: number, last: number): void {
  if (m.kind !== "person" || m.tokens < 2) return;
  // One or two role words in lower case ("creator", "chief executive"), or a noun phrase that ends in
  // one ("student", "political activist and philosopher", "webcomic artist"), a name before them.
  let k = first;
  while (k > first - 2 && !tokens[k]!.broken && isRoleWord(tokens[k - 1])) k--;
  if (k === first && !tokens[k]!.broken && isRoleNoun(tokens[k - 1])) k--;
  while (k < first && k > first - 5 && !tokens[k]!.broken && isModifier(tokens[k - 1], tokens[k - 2])) k--;
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
