// Cutting text to a length (a made-up headline, a run-on summary line, a platform's field limit):
// at a word, with an ellipsis, never over the limit.

/** `text` when it fits in `max` characters; else its start, cut at a space when one falls in the
 * second half, and "…", all within `max`. */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  return `${(space >= max / 2 ? room.slice(0, space) : room).trimEnd()}…`;
}
