// Datelines: where (and through which agency) a report was filed from, in front of its first
// sentence: "SYDNEY, Australia — ", "WASHINGTON (Reuters) - ", "Paris (CNN)". It says where the
// reporter was, not what happened. Only before a capital, so "NATO — the alliance" stays.
const CAPS_DATELINE =
  /^\p{Lu}[\p{Lu}.'’-]*\p{Lu}\.?(?: \p{Lu}[\p{Lu}.'’-]*\p{Lu}\.?){0,3}(?:,\s+\p{Lu}[\p{L}.]*(?:\s+[\p{Lu}\d][\p{L}\d.]*){0,2})?(?:\s+\([^()]{1,30}\))?\s*[—–-]{1,2}\s+(?=["“‘'\p{Lu}\d])/u;
const AGENCY_DATELINE =
  /^(?:\p{Lu}[\p{L}.'’-]*(?:,?\s+\p{Lu}[\p{L}.'’-]*){0,3}\s+)?\((?:CNN|Reuters|AP|AFP|Kyodo|Xinhua|Bloomberg|UPI|dpa|PA|PTI|IANS|Yonhap|TASS|EFE|ANSA)\)\s*(?:[—–-]{1,2}\s*)?(?=["“‘'\p{Lu}\d])/u;

/** A dateline is a few words; a longer match is shouting text ("AB - AB - AB ..."), not a dateline. */
const MAX_DATELINE_CHARS = 80;

/** How many characters of dateline the text opens with; 0 when it opens with none. */
export function datelineLength(text: string): number {
  const head = text.slice(0, MAX_DATELINE_CHARS + 1);
  const caps = CAPS_DATELINE.exec(head)?.[0].length ?? 0;
  const length = caps + (AGENCY_DATELINE.exec(head.slice(caps))?.[0].length ?? 0);
  return length <= MAX_DATELINE_CHARS ? length : 0;
}

/** The sentence without a dateline in front of it. */
export function withoutDateline(sentence: string): string {
  return sentence.slice(datelineLength(sentence));
}
