// The filter language's grammar, read into a tree of terms:
//
//   filter  := or
//   or      := and ("OR" and)*
//   and     := unary (["AND"] unary)*          terms side by side must all match
//   unary   := ("NOT" | "-") unary | "(" or ")" | term
//   term    := word | "phrase" | source:V | person:V | place:V | org:V | headline:/re/[i] | outlets>=N
//
// A headline pattern runs on RE2 (linear time, whatever the pattern), so a hostile one cannot stall
// the bot; what RE2 cannot run (look-around, back-references) is refused with its position.
import { RE2JS } from "re2js";
import type { EntityKind } from "../article.js";
import { wordsOf } from "../relevance.js";
import { describeAt, FilterSyntaxError, tokenize, type CompareOp, type Token } from "./lexer.js";

/** Longest filter and longest headline pattern taken. */
export const MAX_FILTER_CHARS = 1000;
export const MAX_PATTERN_CHARS = 200;

export type FilterNode = (
  | { kind: "and" | "or"; children: FilterNode[] }
  | { kind: "not"; child: FilterNode }
  /** Words to find in a story's text, in this order when a phrase. */
  | { kind: "words"; words: string[] }
  | { kind: "source"; value: string }
  | { kind: "entity"; entity: EntityKind; value: string }
  | { kind: "headline"; pattern: RE2JS }
  | { kind: "outlets"; op: CompareOp; count: number }
) & {
  /** The node as typed, for explanations. */
  text: string;
};

const ENTITY_FIELDS: Readonly<Record<string, EntityKind>> = {
  person: "person",
  place: "place",
  org: "organisation",
  organisation: "organisation",
  organization: "organisation",
};
const FIELDS = "source:, person:, place:, org:, headline:/…/ or outlets>=N";
const TERM = `a word, a "phrase", a field (${FIELDS}), NOT or (`;

class Parser {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  parse(): FilterNode {
    if (this.tokens.length === 0) throw new FilterSyntaxError(0, TERM, "an empty filter");
    const node = this.or();
    const extra = this.peek();
    if (extra) throw new FilterSyntaxError(extra.start, extra.type === ")" ? "no ) here: it closes no (" : "the end of the filter", describeAt(this.text, extra.start));
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private span(start: number): string {
    return this.text.slice(start, this.tokens[this.at - 1]!.end).trim();
  }

  private or(): FilterNode {
    const start = this.peek()?.start ?? this.text.length;
    const children = [this.and()];
    while (this.peek()?.type === "OR") {
      this.at++;
      children.push(this.and());
    }
    return children.length === 1 ? children[0]! : { kind: "or", children, text: this.span(start) };
  }

  private and(): FilterNode {
    const start = this.peek()?.start ?? this.text.length;
    const children = [this.unary()];
    for (;;) {
      const next = this.peek();
      if (!next || next.type === "OR" || next.type === ")") break;
      if (next.type === "AND") this.at++;
      children.push(this.unary());
    }
    return children.length === 1 ? children[0]! : { kind: "and", children, text: this.span(start) };
  }

  private unary(): FilterNode {
    const token = this.peek();
    const position = token?.start ?? this.text.length;
    if (!token) throw new FilterSyntaxError(position, TERM, "the end of the filter");
    this.at++;
    switch (token.type) {
      case "NOT":
      case "-":
        return { kind: "not", child: this.unary(), text: this.span(position) };
      case "(": {
        const inner = this.or();
        const close = this.peek();
        if (close?.type !== ")") throw new FilterSyntaxError(close?.start ?? this.text.length, "a ) to close the ( at character " + (position + 1), describeAt(this.text, close?.start ?? this.text.length));
        this.at++;
        return { ...inner, text: this.span(position) };
      }
      case ")":
      case "AND":
      case "OR":
        throw new FilterSyntaxError(position, TERM, describeAt(this.text, position));
      default:
        return this.term(token);
    }
  }

  private term(token: Exclude<Token, { type: "(" | ")" | "-" | "AND" | "OR" | "NOT" }>): FilterNode {
    const text = this.text.slice(token.start, token.end);
    switch (token.type) {
      case "word":
      case "phrase":
        return { kind: "words", words: this.words(token.value, token.start), text };
      case "compare":
        if (token.field !== "outlets") throw new FilterSyntaxError(token.start, "outlets before >=, <=, >, < or =", JSON.stringify(token.field));
        return { kind: "outlets", op: token.op, count: token.value, text };
      case "regex":
        if (token.field !== "headline") throw new FilterSyntaxError(token.start, "headline: before a /regular expression/", JSON.stringify(`${token.field}:`));
        return { kind: "headline", pattern: this.pattern(token), text };
      case "field": {
        const value = token.value.trim();
        const position = token.start + token.field.length + 1;
        if (!value) throw new FilterSyntaxError(position, `a value after ${token.field}:`, describeAt(this.text, position));
        if (token.field === "source") return { kind: "source", value, text };
        const entity = ENTITY_FIELDS[token.field];
        if (entity) {
          this.words(value, position);
          return { kind: "entity", entity, value, text };
        }
        if (token.field === "headline") throw new FilterSyntaxError(position, "a /regular expression/ after headline:", describeAt(this.text, position));
        throw new FilterSyntaxError(token.start, `a known field (${FIELDS}); put a word with a colon in quotes`, JSON.stringify(`${token.field}:`));
      }
    }
  }

  private words(value: string, position: number): string[] {
    const words = wordsOf(value);
    if (words.length === 0) throw new FilterSyntaxError(position, "a word with letters or digits", describeAt(this.text, position));
    return words;
  }

  private pattern(token: Extract<Token, { type: "regex" }>): RE2JS {
    const position = token.start + token.field.length + 1;
    if (token.pattern.length > MAX_PATTERN_CHARS) throw new FilterSyntaxError(position, `a regular expression of at most ${MAX_PATTERN_CHARS} characters`, `${token.pattern.length}`);
    if (!token.pattern) throw new FilterSyntaxError(position, "a regular expression between the slashes", "//");
    const unknown = token.flags.replace(/i/g, "");
    if (unknown) throw new FilterSyntaxError(token.end - token.flags.length, "no flag but i (ignore case) after the closing /", JSON.stringify(unknown));
    try {
      return RE2JS.compile(token.pattern, token.flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0);
    } catch (error) {
      // RE2 names what it cannot run: look-around, back-references, a repeat count over 1000.
      const reason = (error as Error).message.replace(/^error parsing regexp: /, "");
      throw new FilterSyntaxError(position, "a regular expression newsbot can run in linear time (no look-around or back-references)", reason);
    }
  }
}

/** Reads a filter; throws FilterSyntaxError naming the position and what was expected there. */
export function parseFilter(text: string): FilterNode {
  if (text.length > MAX_FILTER_CHARS) throw new FilterSyntaxError(MAX_FILTER_CHARS, `a filter of at most ${MAX_FILTER_CHARS} characters`, `${text.length}`);
  return new Parser(text, tokenize(text)).parse();
}
