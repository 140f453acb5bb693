// Headline-first plain text: the first line is the headline, the rest is the body.
import { clipAtWord } from "../text.js";
import { toBody } from "./paragraphs.js";
import type { IngestDefaults, ParsedArticles } from "./types.js";
import { validateArticle } from "../validate-article.js";

/** A first line longer than this is a paragraph, not a headline (WikiRef's longest real one is 211). */
const MAX_HEADLINE_CHARS = 300;
/** Length of a headline made up for a file that has none. */
const MADE_UP_HEADLINE_CHARS = 150;

export function parseHeadline(lines: readonly string[], path: string, defaults: IngestDefaults = {}): ParsedArticles {
  const first = lines.findIndex((line) => line !== "");
  const headline = lines[first];
  if (first < 0 || headline === undefined) return { articles: [], rejected: [{ path, reason: "File contains only whitespace." }] };

  let title = headline;
  let body = toBody(lines.slice(first + 1));
  if (headline.length > MAX_HEADLINE_CHARS) {
    // No headline line (a page saved as one long paragraph): keep all the text, title it by its start.
    title = titleFromText(headline);
    body = toBody(lines.slice(first));
  } else if (body === "") {
    return {
      articles: [],
      rejected: [{ path, reason: `File has a headline ("${headline}") but no body; put the article text below the first line.` }],
    };
  }
  const validated = validateArticle({ title, body }, path, defaults);
  return validated.ok ? { articles: [validated.article], rejected: [] } : { articles: [], rejected: [validated.rejection] };
}

/** The first sentence when it is short enough, else the first words and an ellipsis. */
function titleFromText(text: string): string {
  const head = text.slice(0, MADE_UP_HEADLINE_CHARS + 1);
  const sentence = /^(.{20,}?[.!?])(?=\s|$)/u.exec(head);
  if (sentence?.[1] && sentence[1].length <= MADE_UP_HEADLINE_CHARS) return sentence[1];
  return clipAtWord(head, MADE_UP_HEADLINE_CHARS);
}
