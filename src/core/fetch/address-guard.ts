// The address guard: the fetcher resolves a host once, refuses it when any of its addresses is not
// public (unless the operator allows that), and connects only to the addresses it checked, so a DNS
// answer that changes in between (rebinding) cannot reach anything else.
import type { LookupAddress, LookupAllOptions, LookupOptions } from "node:dns";
import { nonPublicKind } from "./addresses.js";
import { redact } from "./failures.js";

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** The setting that lets an operator fetch from their own network; named in refusals. */
const ALLOW_PRIVATE_SETTING = "NEWSBOT_ALLOW_PRIVATE_ADDRESSES";

/** Why the host is refused, when it is or resolves to a non-public address (any of its addresses:
 * the connection may use any of them). */
export function privateAddressRefusal(url: URL, addresses: ResolvedAddress[]): string | undefined {
  for (const { address } of addresses) {
    const kind = nonPublicKind(address);
    if (!kind) continue;
    const a = /^[aeiou]/.test(kind) ? "an" : "a";
    const what =
      address === bareHost(url) ? `${url.hostname} is ${a} ${kind} address` : `${url.hostname} resolves to ${address}, ${a} ${kind} address`;
    return `newsbot does not fetch ${redact(url)}: ${what}. An operator can allow this with ${ALLOW_PRIVATE_SETTING}=true.`;
  }
  return undefined;
}

/** The URL's host without IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A dns.lookup for the connection that answers with the addresses already resolved and checked,
 * whatever name it is asked about: the socket never resolves the host a second time. (Node skips
 * the lookup for IP-address hosts, which were checked as they are.)
 */
export function pinnedLookup(addresses: ResolvedAddress[]) {
  return (_hostname: string, options: LookupOptions | LookupAllOptions, callback: LookupCallback): void => {
    const family = typeof options.family === "number" ? options.family : 0;
    const usable = addresses.filter((a) => family === 0 || a.family === family);
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error(`no IPv${family} address was resolved`), { code: "ENOTFOUND" }), []);
    } else if (options.all) {
      callback(null, usable);
    } else {
      callback(null, first.address, first.family);
    }
  };
}
