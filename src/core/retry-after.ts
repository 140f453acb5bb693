// Retry-After, as HTTP gives it (RFC 9110: delta-seconds or an HTTP date), read once for everything
// that is asked to wait: the delivery queue's webhooks and the feed fetcher. Each caller caps the
// wait as its own work allows.

/** The wait Retry-After asks for, in milliseconds from `now`; a date in the past asks for none.
 * Undefined when there is no header or it says nothing readable. Fractional seconds are taken too. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month; Date.parse would also take "-5" as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
