// Times as the terminal shows them: "3 Dec 2026, 14:05" (en-GB, medium date, short time) in a zone,
// and the zone's name. Intl does this in any zone, but its first use loads ICU's locale and zone data,
// tens of milliseconds of a command that prints a few cards. In UTC (a server's and a container's
// usual zone, and the zone asked for by name) the same text is written here, without Intl.
import fs from "node:fs";

/** en-GB's short month names, as ICU writes them in a medium date ("Sept", not "Sep"). */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];

/** Names of UTC that V8 resolves to "UTC" (as TZ, with or without a leading colon, or as the zone
 * /etc/localtime links to). Any other name, a zone with the same offset included, goes through Intl. */
const UTC_NAMES: ReadonlySet<string> = new Set(["UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT"]);

/** Where the machine's zone is set when TZ is not: a link into the zone database. */
const LOCALTIME = "/etc/localtime";

/**
 * Whether the machine's own zone is UTC as Intl would name it, told without Intl: TZ when it is set,
 * else the zone /etc/localtime links to, and the local time's offset 0 in winter and summer. False
 * when that cannot be told so (an unknown name, no link): then Intl says.
 */
export function machineZoneIsUtc(env: NodeJS.ProcessEnv = process.env, readLink: (file: string) => string = fs.readlinkSync): boolean {
  let name: string | undefined;
  if (env.TZ !== undefined) name = env.TZ.replace(/^:/, "");
  else {
    try {
      name = /\/zoneinfo\/(.+)$/.exec(readLink(LOCALTIME))?.[1];
    } catch {
      return false;
    }
  }
  return name !== undefined && UTC_NAMES.has(name) && new Date(Date.UTC(2001, 0, 1)).getTimezoneOffset() === 0 && new Date(Date.UTC(2001, 6, 1)).getTimezoneOffset() === 0;
}

let machineUtc: boolean | undefined;
const formats = new Map<string | undefined, Intl.DateTimeFormat>();

/** Whether `timeZone` (undefined: the machine's) is UTC, by the name Intl would give it. */
function isUtc(timeZone: string | undefined): boolean {
  if (timeZone !== undefined) return timeZone === "UTC";
  return (machineUtc ??= machineZoneIsUtc());
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "3 Dec 2026, 14:05": the moment `iso` in `timeZone` (default: the machine's own). */
export function formatTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  const year = date.getUTCFullYear();
  if (isUtc(timeZone) && year >= 1000 && year <= 9999) {
    return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${year}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  }
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
    formats.set(timeZone, format);
  }
  // An invalid date throws Intl's RangeError ("Invalid time value"), in UTC too.
  return format.format(date);
}

/** The zone's name as Intl gives it: `timeZone`, or the machine's own ("UTC", "Europe/London"). */
export function zoneName(timeZone?: string): string {
  return timeZone ?? (isUtc(undefined) ? "UTC" : Intl.DateTimeFormat().resolvedOptions().timeZone);
}
