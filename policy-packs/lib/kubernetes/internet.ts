/**
 * Does a set of address blocks (NetworkPolicy `ipBlock`s, each with its `except`) reach the
 * internet? Stand-in until policy-packs/lib/cidr.ts lands with the kit-wide "covers the internet
 * in any split" rule: at merge, `coversTheInternet` must be switched to that module.
 *
 * The rule here: the union of the blocks, their exceptions cut out, is measured against the
 * public address space (IPv4 without the private, shared, loopback, link-local, documentation,
 * benchmark, multicast and reserved ranges; IPv6 global unicast 2000::/3 without 2001:db8::/32).
 * More than one /8 of public IPv4 addresses, or more than one /32 of public IPv6 addresses, counts
 * as "the internet" (the minimum prefixes issue 10 item 6 proposes): `0.0.0.0/0`, `0.0.0.0/0`
 * minus the private ranges, two `/1` halves, `::/0`, any /7, are all the internet. Blocks that do
 * not parse are ignored (never thrown on).
 */

type Interval = readonly [bigint, bigint];

export interface AddressBlock {
  readonly cidr: string;
  readonly except?: readonly string[];
}

const V4_BITS = 32;
const V6_BITS = 128;

/** Public IPv4 addresses = everything minus these. */
const V4_NOT_PUBLIC = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/3",
];
const V6_PUBLIC = ["2000::/3"];
const V6_NOT_PUBLIC = ["2001:db8::/32"];

/** More than this many public addresses of a family is "the internet". */
const V4_LIMIT = 1n << 24n; // one /8
const V6_LIMIT = 1n << 96n; // one /32

function parseV4(address: string): bigint | undefined {
  const parts = address.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    return undefined;
  }
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseV6(address: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(address) || address.split("::").length > 2) {
    return undefined;
  }
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const left = head === "" ? [] : head!.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = 8 - left.length - right.length;
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) {
    return undefined;
  }
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) {
    return undefined;
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** `[first, last]` of a CIDR and its family, or undefined when it does not parse. */
function parseCidr(cidr: unknown): { v6: boolean; range: Interval } | undefined {
  if (typeof cidr !== "string") {
    return undefined;
  }
  const m = /^\s*([^/\s]+)\/0*(\d{1,3})\s*$/.exec(cidr);
  if (!m) {
    return undefined;
  }
  const v6 = m[1]!.includes(":");
  const bits = v6 ? V6_BITS : V4_BITS;
  const prefix = Number(m[2]);
  const base = v6 ? parseV6(m[1]!) : parseV4(m[1]!);
  if (base === undefined || prefix > bits) {
    return undefined;
  }
  const size = 1n << BigInt(bits - prefix);
  const first = (base / size) * size;
  return { v6, range: [first, first + size - 1n] };
}

function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1n) {
      last[1] = hi > last[1] ? hi : last[1];
    } else {
      out.push([lo, hi]);
    }
  }
  return out;
}

function subtract(intervals: readonly Interval[], cut: Interval): Interval[] {
  return intervals.flatMap(([lo, hi]): Interval[] => {
    if (cut[1] < lo || cut[0] > hi) {
      return [[lo, hi]];
    }
    return [
      ...(cut[0] > lo ? [[lo, cut[0] - 1n] as const] : []),
      ...(cut[1] < hi ? [[cut[1] + 1n, hi] as const] : []),
    ];
  });
}

const ranges = (cidrs: readonly string[]): Interval[] =>
  cidrs.map((c) => parseCidr(c)?.range).filter((r): r is Interval => r !== undefined);

function publicCount(intervals: readonly Interval[], v6: boolean): bigint {
  let covered = merge(intervals);
  if (v6) {
    const [pub] = ranges(V6_PUBLIC) as [Interval];
    covered = covered.flatMap(([lo, hi]): Interval[] => {
      const a = lo > pub[0] ? lo : pub[0];
      const b = hi < pub[1] ? hi : pub[1];
      return a <= b ? [[a, b]] : [];
    });
  }
  for (const cut of ranges(v6 ? V6_NOT_PUBLIC : V4_NOT_PUBLIC)) {
    covered = subtract(covered, cut);
  }
  return covered.reduce((sum, [lo, hi]) => sum + (hi - lo + 1n), 0n);
}

/**
 * The families ("IPv4", "IPv6") whose public address space these blocks together cover beyond
 * the limit; empty when they do not reach the internet.
 */
export function coversTheInternet(blocks: readonly AddressBlock[]): ("IPv4" | "IPv6")[] {
  const byFamily = { v4: [] as Interval[], v6: [] as Interval[] };
  for (const block of blocks) {
    const parsed = parseCidr(block.cidr);
    if (!parsed) {
      continue;
    }
    let pieces: Interval[] = [parsed.range];
    for (const e of block.except ?? []) {
      const cut = parseCidr(e);
      if (cut && cut.v6 === parsed.v6) {
        pieces = subtract(pieces, cut.range);
      }
    }
    byFamily[parsed.v6 ? "v6" : "v4"].push(...pieces);
  }
  return [
    ...(publicCount(byFamily.v4, false) > V4_LIMIT ? (["IPv4"] as const) : []),
    ...(publicCount(byFamily.v6, true) > V6_LIMIT ? (["IPv6"] as const) : []),
  ];
}
