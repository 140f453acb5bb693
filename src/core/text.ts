// Small wording helpers for what users read: counts with the right plural, and cutting text to a
// length (a made-up headline, a run-on summary line, a platform's field limit).

/** "1 story", "3 stories". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `text` when it fits in `max` characters; else its start, cut at a space when one falls in the
 * second half, and "…", all within `max`. */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  return `${(space >= max / 2 ? room.slice(0, space) : room).trimEnd()}…`;
}
