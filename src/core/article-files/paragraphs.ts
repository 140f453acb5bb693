// Lines -> body text: one paragraph per line, a blank line between paragraphs.

/** A line that starts in lower case continues the paragraph above it (a hard-wrapped line), unless a
 * blank line separates them. */
const CONTINUATION = /^\p{Ll}/u;

export function toParagraphs(lines: readonly string[]): string[] {
  const paragraphs: string[] = [];
  let current: string | undefined;
  for (const line of lines) {
    if (line === "") {
      if (current !== undefined) paragraphs.push(current);
      current = undefined;
    } else if (current !== undefined && CONTINUATION.test(line)) {
      current += ` ${line}`;
    } else {
      if (current !== undefined) paragraphs.push(current);
      current = line;
    }
  }
  if (current !== undefined) paragraphs.push(current);
  return paragraphs;
}

export function toBody(lines: readonly string[]): string {
  return toParagraphs(lines).join("\n\n");
}
