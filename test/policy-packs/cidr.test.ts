import { describe, expect, it } from "vitest";
import {
  MAX_PUBLIC_SHARE,
  PUBLIC_SPACE,
  internetProblems,
  judge,
  parseRange,
  publicShare,
} from "../../policy-packs/lib/cidr";
import { UNKNOWN_SENTINELS } from "../helpers/unknowns";

describe("packs CIDR reading", () => {
  it("reads odd spellings as the widest provider would", () => {
    expect(parseRange("0.0.0.0/00")?.canonical).toBe("0.0.0.0/0");
    expect(parseRange(" 0.0.0.0/0 ")?.canonical).toBe("0.0.0.0/0");
    expect(parseRange("0::/0")?.canonical).toBe("::/0");
    expect(parseRange("10.1.2.3/8")?.canonical).toBe("10.0.0.0/8");
    expect(parseRange("192.0.2.1")?.prefix).toBe(32);
    expect(parseRange("::ffff:10.0.0.0/104")?.embedded?.prefix).toBe(8);
  });
  it("reads garbage and unknowns as no range, without throwing", () => {
    for (const v of ["garbage", "", "0.0.0.0 /0", "300.0.0.0/8", "1.2.3.4/33", "::/129", 7, null]) {
      expect({ v, range: parseRange(v) }).toEqual({ v, range: undefined });
    }
    for (const v of Object.values(UNKNOWN_SENTINELS)) {
      expect(parseRange(v)).toBeUndefined();
    }
    expect(judge(["garbage", UNKNOWN_SENTINELS.string, "0.0.0.0/1"])).toMatchObject({
      unparsed: [0, 1],
      broad: [{ index: 2 }],
    });
  });
  it("measures public space without the special-purpose blocks", () => {
    const size = PUBLIC_SPACE[4].reduce((n, s) => n + s.end - s.start + 1n, 0n);
    expect(size).toBe(3_702_258_432n);
    expect(publicShare(4, [parseRange("10.0.0.0/8")!])).toBe(0);
    expect(publicShare(4, [parseRange("0.0.0.0/0")!])).toBe(1);
    expect(MAX_PUBLIC_SHARE).toBe(1 / 64);
  });
  it("says what is wrong, entry by entry, then together", () => {
    expect(internetProblems("sourceRanges", ["0.0.0.0/1", " 128.0.0.0/1"])).toEqual([
      "sourceRanges: 0.0.0.0/1 is broader than IPv4 /8 (a share of the internet, not a network)",
      "sourceRanges: 128.0.0.0/1 is broader than IPv4 /8 (a share of the internet, not a network)",
    ]);
    expect(internetProblems("x", ["::ffff:0:0/97"])).toEqual([
      "x: ::ffff:0:0/97 carries the IPv4 range 0.0.0.0/1, which is broader than IPv4 /8 (a share of the internet, not a network)",
    ]);
    expect(internetProblems("x", ["2000::/4"])).toEqual([
      "x: 2000::/4 is broader than IPv6 /32 (a share of the internet, not a network)",
    ]);
    const nines = Array.from({ length: 8 }, (_, i) => `${16 * i + 1}.0.0.0/9`);
    expect(internetProblems("x", nines)).toEqual([
      "x: together the ranges cover 1.81% of the public IPv4 space, the internet in pieces (the limit is 1.56%)",
    ]);
    expect(internetProblems("x", ["198.51.100.0/24", "82.128.0.0/12"])).toEqual([]);
  });
});
