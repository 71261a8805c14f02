/**
 * The one table of cases for the rule "the internet is refused in any split", fed to both of its
 * implementations (the packs' policy-packs/lib/cidr.ts and the config's components/shared/cidr.ts)
 * by cidr-rule.test.ts, which expects the same answer from each.
 *
 * `broad`: positions of entries broader than IPv4 /8 or IPv6 /32 (also as the IPv4 they embed);
 * `spread`: families whose entries together, and no entry alone, reach 1/64 of the public space.
 */
export interface RuleCase {
  readonly name: string;
  readonly entries: readonly string[];
  readonly broad: readonly number[];
  readonly spread: readonly (4 | 6)[];
}

const slash9s = (n: number) => Array.from({ length: n }, (_, i) => `${16 * i + 1}.0.0.0/9`);

export const RULE_CASES: readonly RuleCase[] = [
  { name: "0.0.0.0/0", entries: ["0.0.0.0/0"], broad: [0], spread: [] },
  { name: "::/0", entries: ["::/0"], broad: [0], spread: [] },
  { name: "0::/0", entries: ["0::/0"], broad: [0], spread: [] },
  { name: "0.0.0.0/00 (leading zero)", entries: ["0.0.0.0/00"], broad: [0], spread: [] },
  { name: "0.0.0.0/0 with spaces", entries: [" 0.0.0.0/0 "], broad: [0], spread: [] },
  { name: "two /1 halves", entries: ["0.0.0.0/1", "128.0.0.0/1"], broad: [0, 1], spread: [] },
  {
    name: "four /2s",
    entries: ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"],
    broad: [0, 1, 2, 3],
    spread: [],
  },
  {
    name: "0.0.0.0/1 + 128.0.0.0/2 + 192.0.0.0/3 + ...",
    entries: ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4"],
    broad: [0, 1, 2, 3],
    spread: [],
  },
  { name: "a /7", entries: ["10.0.0.0/7"], broad: [0], spread: [] },
  { name: "eight /9s", entries: slash9s(8), broad: [], spread: [4] },
  { name: "six /9s stay below 1/64", entries: slash9s(6), broad: [], spread: [] },
  { name: "seven /9s reach it", entries: slash9s(7), broad: [], spread: [4] },
  { name: "a /7 and eight /9s", entries: ["10.0.0.0/7", ...slash9s(8)], broad: [0], spread: [4] },
  {
    name: "four public /8s",
    entries: ["17.0.0.0/8", "18.0.0.0/8", "19.0.0.0/8", "20.0.0.0/8"],
    broad: [],
    spread: [4],
  },
  {
    name: "the whole private space (not public)",
    entries: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"],
    broad: [],
    spread: [],
  },
  {
    name: "a corporate list: a few /16s, a /12, a /24, a host",
    entries: [
      "198.18.0.0/16",
      "145.10.0.0/16",
      "62.96.0.0/16",
      "82.128.0.0/12",
      "203.0.113.0/24",
    ].concat(["192.0.2.10/32", "2001:db8:1000::/48"]),
    broad: [],
    spread: [],
  },
  { name: "IPv4-mapped ::ffff:0.0.0.0/96", entries: ["::ffff:0.0.0.0/96"], broad: [0], spread: [] },
  {
    name: "IPv4-mapped halves",
    entries: ["::ffff:0.0.0.0/97", "::ffff:128.0.0.0/97"],
    broad: [0, 1],
    spread: [],
  },
  {
    name: "IPv4-mapped /9s add up with IPv4 /9s",
    entries: [
      ...slash9s(4),
      ...slash9s(8)
        .slice(4)
        .map((c) => `::ffff:${c.replace("/9", "/105")}`),
    ],
    broad: [],
    spread: [4],
  },
  { name: "an IPv4-mapped /104 is a /8", entries: ["::ffff:10.0.0.0/104"], broad: [], spread: [] },
  { name: "NAT64 64:ff9b::/96", entries: ["64:ff9b::/96"], broad: [0], spread: [] },
  { name: "::/80 holds every mapped address", entries: ["::/80"], broad: [0], spread: [] },
  { name: "IPv6 /31", entries: ["2001:db8::/31"], broad: [0], spread: [] },
  { name: "IPv6 /32", entries: ["2001:db8::/32"], broad: [], spread: [] },
  { name: "IPv6 2000::/3 in halves", entries: ["2000::/4", "3000::/4"], broad: [0, 1], spread: [] },
  { name: "an IPv4 /8 exactly", entries: ["11.0.0.0/8"], broad: [], spread: [] },
  { name: "empty list", entries: [], broad: [], spread: [] },
];
