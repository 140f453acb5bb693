// Characters that change how text shows without showing themselves: bidirectional embeddings,
// overrides and isolates (U+202A–U+202E, U+2066–U+2069) make a headline display reversed or out of
// order, and direction marks and zero-width characters make words look whole that are not. None of
// them belongs in a headline or a summary, so they go at ingest and again wherever text is rendered.
//
// The zero-width joiner and non-joiner stay where writing needs them: between letters of scripts
// that shape with them (Persian "می‌خواهم", Hindi "क्‍ष") and, for the joiner, inside emoji
// sequences (👩‍💻). Anywhere else they go like the rest.

/** Scripts whose spelling uses the (non-)joiner: Arabic-script languages (Persian, Urdu, Pashto),
 * Syriac, N'Ko, Mongolian, and the Brahmic scripts of South Asia. Script_Extensions, so the
 * combining vowel signs these scripts share count as theirs. */
const JOINING_SCRIPTS = [
  "Arabic", "Syriac", "Nko", "Mongolian", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya",
  "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala",
].map((script) => `\\p{scx=${script}}`).join("");

/** A joiner or non-joiner between two letters of those scripts. */
const SCRIPT_JOINER = `(?<=[${JOINING_SCRIPTS}])[\\u200C\\u200D](?=[${JOINING_SCRIPTS}])`;
/** A joiner after an emoji (with its skin tone or presentation selector) and before another. */
const EMOJI_JOINER = "(?<=[\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\uFE0F])\\u200D(?=\\p{Extended_Pictographic})";

/** Arabic letter mark; zero-width space, (non-)joiner, left-to-right and right-to-left marks;
 * embeddings and overrides; word joiner and invisible operators; isolates and the deprecated format
 * controls; byte order mark (zero-width no-break space). */
const INVISIBLE_CHARACTER = "[\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF]";

const INVISIBLE = new RegExp(`(${SCRIPT_JOINER}|${EMOJI_JOINER})|${INVISIBLE_CHARACTER}`, "gu");

/** `text` without direction controls and zero-width characters (joiners kept where writing needs them). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, (_match, kept: string | undefined) => kept ?? "");
}

/** A JSON value with stripInvisible applied to every string in it (a payload posted as JSON). */
export function stripInvisibleJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === "string" ? stripInvisible(v) : v)) as T;
}
