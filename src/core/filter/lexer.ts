// The filter language's tokens: words, "phrases", field:value terms, headline:/regex/, outlets>=N,
// AND / OR / NOT, - and parentheses. Each token keeps where it starts and ends, so that errors name
// the position and explanations quote the filter as it was typed.

export type Token =
  | { type: "(" | ")" | "-" | "AND" | "OR" | "NOT"; start: number; end: number }
  | { type: "word" | "phrase"; value: string; start: number; end: number }
  | { type: "field"; field: string; value: string; start: number; end: number }
  | { type: "regex"; field: string; pattern: string; flags: string; start: number; end: number }
  | { type: "compare"; field: string; op: CompareOp; value: number; start: number; end: number };

export type CompareOp = ">=" | "<=" | ">" | "<" | "=";

/** A filter that cannot be read: where (0-based offset into the filter) and what was expected there. */
export class FilterSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`at character ${position + 1}: expected ${expected}, got ${found}`);
  }
}

const KEYWORDS = new Set(["AND", "OR", "NOT"]);
/** Ends a bare word or a field's bare value. */
const BREAK = /[\s()"]/;
const COMPARE = /^([A-Za-z]+)(>=|<=|>|<|=)(\d{1,6})(?=[\s()]|$)/;
const FIELD = /^([A-Za-z]+):/;

/** How a token or the end of the filter reads in an error message. */
export function describeAt(text: string, position: number): string {
  if (position >= text.length) return "the end of the filter";
  const rest = text.slice(position).split(/\s/)[0]!.slice(0, 30);
  return JSON.stringify(rest || text[position]);
}

function quoted(text: string, open: number): { value: string; end: number } {
  const close = text.indexOf('"', open + 1);
  if (close < 0) throw new FilterSyntaxError(open, 'a closing " for this phrase', "the end of the filter");
  return { value: text.slice(open + 1, close), end: close + 1 };
}

function bare(text: string, start: number): number {
  let end = start;
  while (end < text.length && !BREAK.test(text[end]!)) end++;
  return end;
}

/** `/pattern/flags`, starting at the opening slash; a backslash escapes the next character. */
function slashed(text: string, open: number): { pattern: string; flags: string; end: number } {
  let i = open + 1;
  while (i < text.length && text[i] !== "/") i += text[i] === "\\" ? 2 : 1;
  if (i >= text.length) throw new FilterSyntaxError(open, "a closing / for this regular expression", "the end of the filter");
  const flags = /^[a-z]*/.exec(text.slice(i + 1))![0];
  return { pattern: text.slice(open + 1, i), flags, end: i + 1 + flags.length };
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "(" || c === ")") {
      tokens.push({ type: c, start: i, end: ++i });
      continue;
    }
    // "-" negates what follows it directly; on its own, or before a space, it is not a word.
    if (c === "-" && i + 1 < text.length && !/\s/.test(text[i + 1]!)) {
      tokens.push({ type: "-", start: i, end: ++i });
      continue;
    }
    if (c === '"') {
      const { value, end } = quoted(text, i);
      tokens.push({ type: "phrase", value, start: i, end });
      i = end;
      continue;
    }
    const rest = text.slice(i);
    const compare = COMPARE.exec(rest);
    if (compare) {
      const [all, field, op, value] = compare;
      tokens.push({ type: "compare", field: field!.toLowerCase(), op: op as CompareOp, value: Number(value), start: i, end: i + all.length });
      i += all.length;
      continue;
    }
    const unfinished = /^[A-Za-z]+(?:>=|<=|>|<|=)/.exec(rest);
    if (unfinished) throw new FilterSyntaxError(i + unfinished[0].length, `a whole number after ${unfinished[0]}`, describeAt(text, i + unfinished[0].length));
    const field = FIELD.exec(rest);
    if (field) {
      const name = field[1]!.toLowerCase();
      const at = i + field[0].length;
      if (text[at] === "/") {
        const { pattern, flags, end } = slashed(text, at);
        tokens.push({ type: "regex", field: name, pattern, flags, start: i, end });
        i = end;
      } else if (text[at] === '"') {
        const { value, end } = quoted(text, at);
        tokens.push({ type: "field", field: name, value, start: i, end });
        i = end;
      } else {
        const end = bare(text, at);
        if (end === at) throw new FilterSyntaxError(at, `a value after ${name}:`, describeAt(text, at));
        tokens.push({ type: "field", field: name, value: text.slice(at, end), start: i, end });
        i = end;
      }
      continue;
    }
    const end = bare(text, i);
    const word = text.slice(i, end);
    if (KEYWORDS.has(word.toUpperCase())) tokens.push({ type: word.toUpperCase() as "AND" | "OR" | "NOT", start: i, end });
    else tokens.push({ type: "word", value: word, start: i, end });
    i = end;
  }
  return tokens;
}
