// A filter as digests and channels keep it: the text as written, checked when it is written (a
// digest file at start-up, /news filter when typed) and read again where it is applied.
import { z } from "zod";
import { sourceName, type Source } from "../sources/source.js";
import { FilterSyntaxError } from "./lexer.js";
import { MAX_FILTER_CHARS, parseFilter } from "./parser.js";

export { FilterSyntaxError } from "./lexer.js";
export { parseFilter, type FilterNode } from "./parser.js";
export { applyFilter, describeVerdict, type FilterContext, type FilterStory, type FilterVerdict } from "./evaluate.js";

/** A filter's text, valid: the message of a bad one names the position and what was expected. */
export const FilterText = z
  .string()
  .trim()
  .min(1, "expected a filter such as syria -football")
  .max(MAX_FILTER_CHARS, `a filter is at most ${MAX_FILTER_CHARS} characters`)
  .superRefine((text, ctx) => {
    try {
      parseFilter(text);
    } catch (error) {
      if (!(error instanceof FilterSyntaxError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
    }
  });

/** The names each source's articles go by (its name, its feed's title, its host), for `source:<id>`. */
export function sourceNames(sources: readonly Source[]): Map<number, string[]> {
  return new Map(
    sources.map((source) => [source.id, [...new Set([sourceName(source), source.feedTitle, new URL(source.url).hostname.replace(/^www\./, "")].filter((n): n is string => Boolean(n)))]]),
  );
}
