import { expect, it } from "vitest";

/** The internet in pieces, as a policy test feeds it (see test/shared/cidr-cases.ts for all). */
export const SPLITS = {
  halves: ["0.0.0.0/1", "128.0.0.0/1"],
  slash7: ["10.0.0.0/7"],
  /** Eight /9s: 1.81% of the public IPv4 space, beyond the 1/64 limit. */
  nines: Array.from({ length: 8 }, (_, i) => `${16 * i + 1}.0.0.0/9`),
  /** A real corporate allowlist: a few /16s, a /12, a /24, a host, an IPv6 /48. */
  corporate: [
    "145.10.0.0/16",
    "62.96.0.0/16",
    "82.128.0.0/12",
    "203.0.113.0/24",
    "192.0.2.10/32",
    "2001:db8:1000::/48",
  ],
} as const;

const broad = (cidr: string) =>
  `${cidr} is broader than IPv4 /8 (a share of the internet, not a network)`;
const PIECES =
  "together the ranges cover 1.81% of the public IPv4 space, the internet in pieces (the limit is 1.56%)";

/**
 * The four cases every policy that judges an allowlist gets: two /1 halves, a /7 and eight /9s
 * are flagged (one violation per broad entry, one for the pieces), a corporate list stays silent.
 * `violations` runs the policy on a compliant fixture whose allowlist is replaced by `ranges`.
 */
export function itRefusesTheInternetInPieces(violations: (ranges: string[]) => string[]): void {
  it("flags two /1 halves, a /7 and eight /9s; passes a corporate allowlist", () => {
    const halves = violations([...SPLITS.halves]);
    expect(halves).toHaveLength(2);
    expect(halves[0]).toContain(broad("0.0.0.0/1"));
    expect(halves[1]).toContain(broad("128.0.0.0/1"));
    const slash7 = violations([...SPLITS.slash7]);
    expect(slash7).toHaveLength(1);
    expect(slash7[0]).toContain(broad("10.0.0.0/7"));
    const nines = violations([...SPLITS.nines]);
    expect(nines).toHaveLength(1);
    expect(nines[0]).toContain(PIECES);
    expect(violations([...SPLITS.corporate])).toEqual([]);
  });
}
