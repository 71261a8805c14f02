import { Address4, Address6 } from "ip-address";

/** A CIDR block that parsed, in canonical form (network address, explicit prefix). */
export interface Cidr {
  readonly version: 4 | 6;
  readonly prefix: number;
  /** e.g. `10.0.0.0/24`, `2001:db8::/32` */
  readonly canonical: string;
  /** First and last address, as integers. */
  readonly start: bigint;
  readonly end: bigint;
}

/** Why a string is not an acceptable CIDR block, and what to write instead. */
export interface CidrProblem {
  readonly problem: string;
  readonly fix: string;
}

/**
 * Parses a CIDR block strictly: an explicit prefix length, a valid address, and no host bits set.
 * The ip-address library does the parsing; this only phrases its verdict for a person.
 */
export function parseCidr(value: string): Cidr | CidrProblem {
  const text = value.trim();
  if (!text.includes("/")) {
    return {
      problem: "is not a CIDR block (no prefix length)",
      fix: `write the prefix explicitly, e.g. "${text}/${text.includes(":") ? 128 : 32}" for a single address`,
    };
  }
  const isV6 = text.includes(":");
  let address: Address4 | Address6;
  try {
    address = isV6 ? new Address6(text) : new Address4(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/\.$/, "").toLowerCase() : "unparseable";
    return {
      problem: `is not a valid IPv${isV6 ? 6 : 4} CIDR block (${reason})`,
      fix: isV6
        ? "use an IPv6 network with a prefix length from 0 to 128, e.g. 2001:db8::/48"
        : "use four octets of 0-255 and a prefix length from 0 to 32, e.g. 203.0.113.0/24",
    };
  }
  const network = `${address.startAddress().correctForm()}/${address.subnetMask}`;
  if (network !== `${address.correctForm()}/${address.subnetMask}`) {
    return {
      problem: "has host bits set after the prefix",
      fix: `write the network address, "${network}"`,
    };
  }
  const version = isV6 ? 6 : 4;
  return { version, prefix: address.subnetMask, canonical: network, ...bounds(version, address) };
}

function bounds(version: 4 | 6, address: Address4 | Address6): { start: bigint; end: bigint } {
  const start = BigInt(address.startAddress().bigInt().toString());
  return {
    start,
    end: start + (1n << BigInt((version === 4 ? 32 : 128) - address.subnetMask)) - 1n,
  };
}

export function isCidrProblem(x: Cidr | CidrProblem): x is CidrProblem {
  return (x as CidrProblem).problem !== undefined;
}

/** True when the block admits every address of its family (`0.0.0.0/0`, `::/0`, or any `/0`). */
export function admitsWholeInternet(cidr: Cidr): boolean {
  return cidr.prefix === 0 || embeddedIpv4(cidr)?.prefix === 0;
}

/*
 * The internet is refused in any split. The rule, the same as the packs'
 * (policy-packs/lib/cidr.ts, which may not import the kit; test/shared/cidr-rule.test.ts feeds
 * both one table of cases and expects the same answers):
 *  1. A block broader than MIN_PREFIX is refused: IPv4 shorter than /8, IPv6 shorter than /32.
 *     An IPv6 block that embeds IPv4 (mapped `::ffff:0:0/96`, NAT64 `64:ff9b::/96`) is also
 *     judged as the IPv4 block it carries.
 *  2. A list is refused when its blocks together cover at least MAX_PUBLIC_SHARE (1/64) of a
 *     family's public space and no block alone does (that block is refused by rule 1).
 */

/**
 * The broadest block accepted, per family. IPv4 /8: the largest block ever assigned to one
 * organisation (the legacy class A networks, and the private 10.0.0.0/8 that cluster ranges
 * use); anything wider is a share of the internet, not a network someone operates. IPv6 /32: the
 * RIRs' minimum allocation to a whole ISP (LIR); an organisation's site is a /48.
 */
export const MIN_PREFIX = { 4: 8, 6: 32 } as const;

/**
 * The share of a family's public space a list may not reach, however it is split: 1/64, about
 * 58 million IPv4 addresses, more than three /8s: a large cloud provider's whole pool, where
 * anyone can rent an address, and far beyond an organisation's own networks (a few /16s, a /12,
 * one legacy /8 stay below it). Two /1 halves, four /2s or eight /9s reach it.
 */
export const MAX_PUBLIC_SHARE = 1 / 64;

interface Span {
  readonly start: bigint;
  readonly end: bigint;
}

const block = (text: string): Span => {
  const parsed = parseCidr(text) as Cidr;
  return { start: parsed.start, end: parsed.end };
};

/** IPv6 prefixes that carry an IPv4 address in their last 32 bits (mapped, NAT64). */
const EMBEDDINGS = ["::ffff:0:0/96", "64:ff9b::/96"];

/** The IPv4 block an IPv6 block carries: inside an embedding prefix, or all of IPv4 if it holds one. */
export function embeddedIpv4(
  cidr: Cidr,
): { prefix: number; start: bigint; end: bigint } | undefined {
  if (cidr.version !== 6) {
    return undefined;
  }
  for (const e of EMBEDDINGS.map(block)) {
    if (cidr.start >= e.start && cidr.end <= e.end) {
      return { prefix: cidr.prefix - 96, start: cidr.start - e.start, end: cidr.end - e.start };
    }
    if (cidr.start <= e.start && cidr.end >= e.end) {
      return { prefix: 0, start: 0n, end: 2n ** 32n - 1n };
    }
  }
  return undefined;
}

/** True when a block is broader than MIN_PREFIX, in its family or as the IPv4 it embeds. */
export function isTooBroad(cidr: Cidr): boolean {
  return (
    cidr.prefix < MIN_PREFIX[cidr.version] || (embeddedIpv4(cidr)?.prefix ?? 32) < MIN_PREFIX[4]
  );
}

/** Why a block is too broad, for a message (`is broader than IPv4 /8 ...`). */
export function tooBroadProblem(cidr: Cidr): string {
  if (cidr.prefix < MIN_PREFIX[cidr.version]) {
    return `is broader than IPv${cidr.version} /${MIN_PREFIX[cidr.version]}, a share of the internet rather than a network`;
  }
  const inner = embeddedIpv4(cidr)!;
  return `carries the IPv4 range ${Address4.fromBigInt(inner.start).correctForm()}/${inner.prefix}, which is broader than IPv4 /8, a share of the internet rather than a network`;
}

/**
 * Public space: IPv4 without the IANA special-purpose blocks that are not globally reachable
 * (RFC 6890 and its registry); IPv6 the global unicast space 2000::/3 without the documentation
 * prefixes.
 */
const PUBLIC: Record<4 | 6, { whole: Span; holes: Span[] }> = {
  4: {
    whole: block("0.0.0.0/0"),
    holes: [
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
    ].map(block),
  },
  6: { whole: block("2000::/3"), holes: ["2001:db8::/32", "3fff::/20"].map(block) },
};

const length = (s: Span) => s.end - s.start + 1n;
const overlap = (a: Span, b: Span): bigint => {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return start <= end ? end - start + 1n : 0n;
};

function merge(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end + 1n) {
      out[out.length - 1] = { start: last.start, end: s.end > last.end ? s.end : last.end };
    } else {
      out.push(s);
    }
  }
  return out;
}

/** The share (0..1) of a family's public space that the union of `spans` covers. */
function publicShare(family: 4 | 6, spans: readonly Span[]): number {
  const { whole, holes } = PUBLIC[family];
  const union = merge(spans);
  const inWhole = union.reduce((n, u) => n + overlap(u, whole), 0n);
  const inHoles = union.reduce(
    (n, u) => n + merge(holes).reduce((m, h) => m + overlap(u, h), 0n),
    0n,
  );
  const size = length(whole) - merge(holes).reduce((n, h) => n + overlap(h, whole), 0n);
  return Number(((inWhole - inHoles) * 1_000_000n) / size) / 1_000_000;
}

/** The IPv4 and IPv6 spans a block covers (an embedding block covers IPv4 too). */
function spansOf(cidr: Cidr): { family: 4 | 6; span: Span }[] {
  const embedded = embeddedIpv4(cidr);
  return [
    { family: cidr.version, span: cidr },
    ...(embedded ? [{ family: 4 as const, span: embedded }] : []),
  ];
}

/**
 * The families whose blocks together cover at least MAX_PUBLIC_SHARE of the public space while no
 * block alone does (rule 2), with the share covered.
 */
export function internetInPieces(cidrs: readonly Cidr[]): { family: 4 | 6; share: number }[] {
  const all = cidrs.flatMap(spansOf);
  return ([4, 6] as const)
    .map((family) => {
      const spans = all.filter((s) => s.family === family).map((s) => s.span);
      const alone = spans.some((s) => publicShare(family, [s]) >= MAX_PUBLIC_SHARE);
      return { family, share: alone ? 0 : publicShare(family, spans) };
    })
    .filter((s) => s.share >= MAX_PUBLIC_SHARE);
}

/** `1.81%`, `100%`. */
export function percent(share: number): string {
  return `${Math.round(share * 10_000) / 100}%`;
}

/** Splits `parent` into consecutive subnets of `newPrefix`, returning the first `count` of them. */
export function subdivide(parent: string, newPrefix: number, count: number, skip = 0): string[] {
  const parsed = parseCidr(parent);
  if (isCidrProblem(parsed)) {
    throw new Error(`"${parent}" ${parsed.problem}: ${parsed.fix}`);
  }
  if (parsed.version !== 4) {
    throw new Error(`subdivide supports IPv4 only, got "${parent}"`);
  }
  if (newPrefix < parsed.prefix || newPrefix > 32) {
    throw new Error(`cannot split ${parent} into /${newPrefix} subnets`);
  }
  const available = 2 ** (newPrefix - parsed.prefix);
  if (skip + count > available) {
    throw new Error(
      `${parent} holds ${available} /${newPrefix} subnets, ${skip + count} were asked for`,
    );
  }
  const base = BigInt(new Address4(parent).startAddress().bigInt().toString());
  const step = 2n ** BigInt(32 - newPrefix);
  const out: string[] = [];
  for (let i = skip; i < skip + count; i++) {
    const start = Address4.fromBigInt(base + step * BigInt(i));
    out.push(`${start.correctForm()}/${newPrefix}`);
  }
  return out;
}

/**
 * The IPv4 ranges that never route on the internet and that a VPC, a VPN or an Interconnect may
 * carry: RFC 1918 and the shared address space of RFC 6598 (which GKE accepts for its ranges).
 */
export const PRIVATE_IPV4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

/** True when the whole block lies inside one of PRIVATE_IPV4 (an IPv6 block never does). */
export function isPrivateRange(cidr: Cidr): boolean {
  return (
    cidr.version === 4 &&
    PRIVATE_IPV4.map(block).some((p) => cidr.start >= p.start && cidr.end <= p.end)
  );
}

/** True when two blocks of the same family share an address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.start <= b.end && b.start <= a.end;
}
