import { Address4, Address6 } from "ip-address";

/** A CIDR block that parsed, in canonical form (network address, explicit prefix). */
export interface Cidr {
  readonly version: 4 | 6;
  readonly prefix: number;
  /** e.g. `10.0.0.0/24`, `2001:db8::/32` */
  readonly canonical: string;
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
  return { version: isV6 ? 6 : 4, prefix: address.subnetMask, canonical: network };
}

export function isCidrProblem(x: Cidr | CidrProblem): x is CidrProblem {
  return (x as CidrProblem).problem !== undefined;
}

/** True when the block admits every address of its family (`0.0.0.0/0`, `::/0`, or any `/0`). */
export function admitsWholeInternet(cidr: Cidr): boolean {
  return cidr.prefix === 0;
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
