// Lines that feed software and page templates add to every article: Reddit's "submitted by ... [link]
// [N comments]", WordPress's "The post ... appeared first on ...", Medium's "... was originally
// published in ...", "Continue reading", share and subscribe prompts. They are no part of the story, and
// left in they become its summary. Each pattern matches a whole short line, so prose that merely uses
// the words ("Readers can subscribe to the newsletter at the library, officials said.") stays.

/** Longest line taken for a label; real sentences that start like one are longer or end differently. */
const LABEL = String.raw`[^\n]{0,120}`;

const BOILERPLATE_LINES: RegExp[] = [
  // Reddit: "submitted by /u/name to r/funny" and, on the same or the next line, "[link] [275 comments]".
  /^submitted by\s+\S+(?:\s+to\s+\S+)?\s*(?:\[link\]\s*\[(?:[\d,]+\s+)?comments?\])?$/i,
  /^\[link\]\s*\[(?:[\d,]+\s+)?comments?\]$/i,
  // WordPress's default feed footer, and Medium's.
  new RegExp(String.raw`^The post ${LABEL} appeared first on [^,\n]{1,80}$`),
  new RegExp(String.raw`^${LABEL} was originally published in ${LABEL} on Medium, where people are continuing the conversation by highlighting and responding to this story\.?$`),
  // A link's label: "Continue reading...", "Read more »", "(more…)", "Read more: <headline>",
  // "Continue reading <headline> →"; not a sentence that starts with the words.
  new RegExp(String.raw`^(?:continue reading|read more|keep reading|read (?:the )?full (?:story|article|post)|read the rest(?: of (?:the|this) (?:story|article|post))?|\(more)(?:[\s.…:»→›>)\]]*|:\s${LABEL}|\s${LABEL}(?:…|\.\.\.|[»→›>]))$`, "i"),
  /^related(?: (?:articles?|stories|posts?))?\s*:[^\n]{0,200}$/i,
  // Share bars and subscription prompts.
  /^(?:• )?(?:share this(?: (?:article|story|post|page))?|share|like this|tweet this)\s*:?$/i,
  new RegExp(String.raw`^(?:• )?(?:click to share on|share on|share via|email this to)\b${LABEL}$`, "i"),
  /^like loading\s*(?:\.\.\.|…)?$/i,
  new RegExp(String.raw`^(?:subscribe|sign up)\b${LABEL}\b(?:newsletter|e-?mails?|inbox|updates)\b${LABEL}$`, "i"),
  /^follow us on (?:twitter|x|facebook|instagram|linkedin|threads|mastodon|bluesky|youtube|tiktok)\b[^\n]{0,80}$/i,
];

function isBoilerplate(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== "" && BOILERPLATE_LINES.some((pattern) => pattern.test(trimmed));
}

/** `text` (plain, paragraphs separated by a blank line) without its boilerplate lines; "" when there
 * was nothing else (a Reddit link post: the headline is all there is). */
export function withoutBoilerplate(text: string): string {
  // Reddit splits its footer over two lines: joined first, so that it is recognised as one.
  const joined = text.replace(/^(submitted by [^\n]{1,200})\n(\[link\])/gim, "$1 $2");
  return joined
    .split("\n")
    .filter((line) => !isBoilerplate(line))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
