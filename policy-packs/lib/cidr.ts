/**
 * The packs' one reading of address ranges, and the rule "the internet is refused in any split".
 *
 * The rule (the same as the kit's config, components/shared/cidr.ts; test/shared/cidr-rule.test.ts
 * feeds both the same table of cases):
 *  1. An entry broader than the minimum prefix is refused: IPv4 shorter than /8, IPv6 shorter
 *     than /32 (MIN_PREFIX). An IPv6 range that embeds IPv4 (`::ffff:0:0/96` mapped addresses,
 *     the NAT64 prefix `64:ff9b::/96`) is also judged as the IPv4 range it carries.
 *  2. A list of entries is refused when its union, merged, covers at least MAX_PUBLIC_SHARE
 *     (1/64) of its family's public space (PUBLIC_SPACE), however it is split. (When one entry
 *     alone reaches the share, that entry is the problem reported, by rule 1.)
 *
 * The packs read ranges leniently, as the widest provider would: surrounding spaces, leading
 * zeros in the prefix (`/00`) and host bits (`10.1.2.3/8` is 10.0.0.0/8) are accepted, a bare
 * address is a single address. A string that is no range at all is left to the provider, which
 * refuses it; the rule does not count it.
 */
import { Address4, Address6 } from "ip-address";

export type Family = 4 | 6;

/**
 * The broadest entry accepted, per family. IPv4 /8: the largest block ever assigned to one
 * organisation (the legacy class A networks, and the private 10.0.0.0/8, which cluster ranges
 * use); anything wider is a share of the internet, not a network someone operates. IPv6 /32: the
 * RIRs' minimum allocation to a whole ISP (LIR); an organisation's site is a /48 and even a
 * network operator's allocation fits in a /32, one 2^-29 of the global unicast space.
 */
export const MIN_PREFIX: Readonly<Record<Family, number>> = { 4: 8, 6: 32 };

/**
 * The share of a family's public space a list may not reach, however it is split: 1/64, about
 * 58 million IPv4 addresses, more than three /8s. That is the size of a large cloud provider's
 * whole address pool, where anyone can rent an address, and far beyond an organisation's own
 * networks (a few /16s, a /12, even one legacy /8 stay below it). Two /1 halves, four /2s,
 * 0.0.0.0/1 + 128.0.0.0/2 + ..., or eight /9s all reach it. In IPv6 the /32 minimum keeps any
 * list with fewer than 2^23 entries below it: there rule 1 does the work.
 */
export const MAX_PUBLIC_SHARE = 1 / 64;

/** The rule in one sentence, for policy descriptions and messages. */
export const INTERNET_RULE = `no entry broader than IPv4 /${MIN_PREFIX[4]} or IPv6 /${MIN_PREFIX[6]}, and together no more than 1/64 of the public address space`;

/** An inclusive interval of addresses of one family. */
export interface Span {
  readonly family: Family;
  readonly start: bigint;
  readonly end: bigint;
}

/** A range as written and as read. */
export interface Range extends Span {
  readonly text: string;
  readonly prefix: number;
  /** e.g. `10.0.0.0/8`; an embedded IPv4 range keeps its IPv6 spelling here. */
  readonly canonical: string;
  /** The IPv4 range an IPv6 range embeds (mapped or NAT64), judged as IPv4. */
  readonly embedded?: { readonly prefix: number; readonly span: Span };
}

const BITS: Readonly<Record<Family, number>> = { 4: 32, 6: 128 };

function span(family: Family, start: bigint, prefix: number): Span {
  const size = 1n << BigInt(BITS[family] - prefix);
  const base = (start / size) * size;
  return { family, start: base, end: base + size - 1n };
}

function v4(text: string): Span {
  const a = new Address4(text);
  return span(4, BigInt(a.startAddress().bigInt().toString()), a.subnetMask);
}
function v6(text: string): Span {
  const a = new Address6(text);
  return span(6, BigInt(a.startAddress().bigInt().toString()), a.subnetMask);
}

/** IPv6 prefixes that carry an IPv4 address in their last 32 bits. */
const EMBEDDINGS: readonly Span[] = [v6("::ffff:0:0/96"), v6("64:ff9b::/96")];

/** The IPv4 range an IPv6 range carries: inside an embedding prefix, or all of IPv4 if it holds one. */
function embeddedIn(range: Span, prefix: number): Range["embedded"] {
  for (const e of EMBEDDINGS) {
    if (range.start >= e.start && range.end <= e.end) {
      const inner = prefix - 96;
      return { prefix: inner, span: span(4, range.start - e.start, inner) };
    }
    if (range.start <= e.start && range.end >= e.end) {
      return { prefix: 0, span: span(4, 0n, 0) };
    }
  }
  return undefined;
}

/** Reads a range leniently (see the file comment); undefined when it is not one. */
export function parseRange(value: unknown): Range | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  const text = value.trim();
  if (text === "" || /\s/.test(text)) {
    return undefined;
  }
  const family: Family = text.includes(":") ? 6 : 4;
  try {
    const a = family === 6 ? new Address6(text) : new Address4(text);
    const prefix = a.subnetMask;
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > BITS[family]) {
      return undefined;
    }
    const s = span(family, BigInt(a.startAddress().bigInt().toString()), prefix);
    const canonical = `${a.startAddress().correctForm()}/${prefix}`;
    const embedded = family === 6 ? embeddedIn(s, prefix) : undefined;
    return { ...s, text, prefix, canonical, ...(embedded ? { embedded } : {}) };
  } catch {
    return undefined;
  }
}

/** True when a range is broader than MIN_PREFIX in its family or in the IPv4 it embeds. */
export function isTooBroad(range: Range): boolean {
  return range.prefix < MIN_PREFIX[range.family] || (range.embedded?.prefix ?? 32) < MIN_PREFIX[4];
}

/**
 * Public space per family: IPv4 without the IANA special-purpose blocks that are not globally
 * reachable (RFC 6890 and its registry: this network, private, shared CGN, loopback, link
 * local, IETF protocol assignments, documentation, benchmarking, the 6to4 relay anycast,
 * multicast, reserved and broadcast); IPv6 the global unicast space 2000::/3 without the
 * documentation prefixes.
 */
const SPECIAL_4 = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.88.99.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
];
const SPECIAL_6 = ["2001:db8::/32", "3fff::/20"];

function merge(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end + 1n) {
      out[out.length - 1] = { ...last, end: s.end > last.end ? s.end : last.end };
    } else {
      out.push(s);
    }
  }
  return out;
}

function without(whole: Span, holes: readonly Span[]): Span[] {
  const out: Span[] = [];
  let next = whole.start;
  for (const h of merge(holes)) {
    if (h.start > next) {
      out.push({ family: whole.family, start: next, end: h.start - 1n });
    }
    next = h.end + 1n > next ? h.end + 1n : next;
  }
  if (next <= whole.end) {
    out.push({ family: whole.family, start: next, end: whole.end });
  }
  return out;
}

const size = (spans: readonly Span[]) => spans.reduce((n, s) => n + s.end - s.start + 1n, 0n);

export const PUBLIC_SPACE: Readonly<Record<Family, readonly Span[]>> = {
  4: without(span(4, 0n, 0), SPECIAL_4.map(v4)),
  6: without(v6("2000::/3"), SPECIAL_6.map(v6)),
};

/** How many public addresses of a family the union of `spans` covers. */
function publicCovered(family: Family, spans: readonly Span[]): bigint {
  const union = merge(spans.filter((s) => s.family === family));
  let covered = 0n;
  for (const p of PUBLIC_SPACE[family]) {
    for (const u of union) {
      const start = u.start > p.start ? u.start : p.start;
      const end = u.end < p.end ? u.end : p.end;
      if (start <= end) {
        covered += end - start + 1n;
      }
    }
  }
  return covered;
}

/** The share (0..1) of a family's public space that the union of `spans` covers. */
export function publicShare(family: Family, spans: readonly Span[]): number {
  return (
    Number((publicCovered(family, spans) * 1_000_000n) / size(PUBLIC_SPACE[family])) / 1_000_000
  );
}

/** An address block with the ranges cut out of it (a NetworkPolicy `ipBlock`). */
export interface AddressBlock {
  readonly cidr: unknown;
  readonly except?: readonly unknown[];
}

/**
 * Egress is held to the stricter form of the rule: a set of blocks, their exceptions cut out,
 * reaches "the internet" when together they cover more public addresses than one entry of the
 * minimum prefix holds (more than one /8 of public IPv4, more than one /32 of public IPv6), since
 * a workload sends to a few named services, never to a share of the internet. `0.0.0.0/0` minus
 * the private ranges, two /1 halves, `::/0` or any /7 all reach it. Returns the families that do;
 * blocks that are no range are skipped (never thrown on).
 */
export function coversTheInternet(blocks: readonly AddressBlock[]): ("IPv4" | "IPv6")[] {
  const spans: Span[] = [];
  for (const block of blocks) {
    const range = parseRange(block.cidr);
    if (!range) {
      continue;
    }
    const holes = (block.except ?? [])
      .map(parseRange)
      .filter((h): h is Range => h !== undefined && h.family === range.family);
    spans.push(...without(range, holes), ...(range.embedded ? [range.embedded.span] : []));
  }
  const limit = (family: Family) => 1n << BigInt(BITS[family] - MIN_PREFIX[family]);
  return ([4, 6] as const)
    .filter((family) => publicCovered(family, spans) > limit(family))
    .map((family) => (family === 4 ? "IPv4" : "IPv6"));
}

/** What the rule says about a list of entries. */
export interface Verdict {
  /** Entries broader than MIN_PREFIX, by position in the list. */
  readonly broad: readonly { readonly index: number; readonly range: Range }[];
  /** Families whose union reaches MAX_PUBLIC_SHARE though no entry alone does, with the share. */
  readonly spread: readonly { readonly family: Family; readonly share: number }[];
  /** Positions of entries that are not ranges (left to the provider). */
  readonly unparsed: readonly number[];
}

/** Judges a list of entries by the rule (see the file comment); never throws. */
export function judge(entries: readonly unknown[]): Verdict {
  const broad: { index: number; range: Range }[] = [];
  const unparsed: number[] = [];
  const spans: Span[] = [];
  entries.forEach((entry, index) => {
    const range = parseRange(entry);
    if (!range) {
      unparsed.push(index);
      return;
    }
    if (isTooBroad(range)) {
      broad.push({ index, range });
    }
    spans.push(range, ...(range.embedded ? [range.embedded.span] : []));
  });
  // A list is "the internet in pieces" when together its entries reach the share and no entry
  // alone does (an entry that does is already refused, and says so).
  const alone = (family: Family) =>
    spans.some((s) => s.family === family && publicShare(family, [s]) >= MAX_PUBLIC_SHARE);
  const spread = ([4, 6] as const)
    .map((family) => ({ family, share: publicShare(family, spans) }))
    .filter((s) => s.share >= MAX_PUBLIC_SHARE && !alone(s.family));
  return { broad, spread, unparsed };
}

function ipv4Text(s: Span, prefix: number): string {
  return `${Address4.fromBigInt(s.start).correctForm()}/${prefix}`;
}

/** `50%`, `1.56%`, `100%`. */
export function percent(share: number): string {
  return `${Math.round(share * 10_000) / 100}%`;
}

/**
 * The problems of a list, one sentence each, naming the entries as written: empty when the list
 * keeps to the rule. `what` names the list and starts each sentence, e.g. `sourceRanges`.
 */
export function internetProblems(what: string, entries: readonly unknown[]): string[] {
  const verdict = judge(entries);
  const problems = verdict.broad.map(({ range }) => {
    const family = range.prefix < MIN_PREFIX[range.family] ? range.family : 4;
    const carried =
      family === range.family || !range.embedded
        ? ""
        : ` carries the IPv4 range ${ipv4Text(range.embedded.span, range.embedded.prefix)}, which`;
    return `${what}: ${range.text}${carried} is broader than IPv${family} /${MIN_PREFIX[family]} (a share of the internet, not a network)`;
  });
  for (const { family, share } of verdict.spread) {
    problems.push(
      `${what}: together the ranges cover ${percent(share)} of the public IPv${family} space, the internet in pieces (the limit is ${percent(MAX_PUBLIC_SHARE)})`,
    );
  }
  return problems;
}
