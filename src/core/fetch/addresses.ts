// Which IP addresses are not on the public internet: loopback, private networks, link-local (where
// cloud metadata services live), carrier-grade NAT, unspecified, multicast and reserved ranges. The
// fetcher refuses them by default, since it fetches whatever URL a chat user gives it.
import { BlockList, isIP } from "node:net";

export type AddressKind =
  | "loopback"
  | "private"
  | "link-local"
  | "carrier-grade NAT"
  | "unspecified"
  | "multicast"
  | "reserved";

type Subnet = readonly [network: string, prefix: number];

const RANGES: ReadonlyArray<readonly [AddressKind, { ipv4: Subnet[]; ipv6: Subnet[] }]> = [
  ["loopback", { ipv4: [["127.0.0.0", 8]], ipv6: [["::1", 128]] }],
  ["unspecified", { ipv4: [["0.0.0.0", 8]], ipv6: [["::", 128]] }], // 0.0.0.0 reaches localhost on Linux
  [
    "private",
    {
      ipv4: [["10.0.0.0", 8], ["172.16.0.0", 12], ["192.168.0.0", 16]],
      ipv6: [["fc00::", 7], ["fec0::", 10]], // unique local, old site-local
    },
  ],
  ["link-local", { ipv4: [["169.254.0.0", 16]], ipv6: [["fe80::", 10]] }], // and cloud metadata services
  ["carrier-grade NAT", { ipv4: [["100.64.0.0", 10]], ipv6: [] }],
  ["multicast", { ipv4: [["224.0.0.0", 4]], ipv6: [["ff00::", 8]] }],
  [
    "reserved",
    {
      // IETF protocol assignments, benchmarking, class E and broadcast.
      ipv4: [["192.0.0.0", 24], ["198.18.0.0", 15], ["240.0.0.0", 4]],
      // Deprecated IPv4-compatible addresses, local-use NAT64.
      ipv6: [["::", 96], ["64:ff9b:1::", 48]],
    },
  ],
];

const BLOCKS = RANGES.map(([kind, { ipv4, ipv6 }]) => {
  const list = new BlockList();
  for (const [network, prefix] of ipv4) list.addSubnet(network, prefix, "ipv4");
  for (const [network, prefix] of ipv6) list.addSubnet(network, prefix, "ipv6");
  return [kind, list] as const;
});

/** NAT64's well-known prefix: the last 32 bits are an IPv4 address, reached through a translator. */
const NAT64 = new BlockList();
NAT64.addSubnet("64:ff9b::", 96, "ipv6");

/**
 * What kind of non-public address this is, or undefined for a public address (or a string that is
 * not an IP address). IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::/96) IPv6 addresses are
 * judged by the IPv4 address inside.
 */
export function nonPublicKind(address: string): AddressKind | undefined {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""); // brackets, an IPv6 zone id
  const family = isIP(bare);
  if (family === 0) return undefined;
  const type = family === 4 ? "ipv4" : "ipv6";
  // BlockList matches IPv4-mapped IPv6 addresses against the IPv4 rules itself.
  const kind = BLOCKS.find(([, list]) => list.check(bare, type))?.[0];
  if (kind || family === 4 || !NAT64.check(bare, "ipv6")) return kind;
  return nonPublicKind(lastIpv4(bare));
}

/** The IPv4 address in the last 32 bits of an IPv6 address, in any of its spellings. */
function lastIpv4(ipv6: string): string {
  const words = (part: string) =>
    part
      .split(":")
      .filter(Boolean)
      .flatMap((group) => {
        if (!group.includes(".")) return [parseInt(group, 16)];
        const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
        return [(a << 8) | b, (c << 8) | d];
      });
  // "::" stands for as many zero groups as the address needs to reach eight.
  const [head = "", tail = ""] = ipv6.split("::");
  const left = words(head);
  const right = words(tail);
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  const high = all[6] ?? 0;
  const low = all[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}
