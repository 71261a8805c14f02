/**
 * One CIDR rule decides it everywhere: the packs' module (policy-packs/lib/cidr.ts) and the
 * config's (components/shared/cidr.ts) are two implementations, because the packs may not import
 * the kit; this feeds both the same table and expects the same answers.
 */
import { describe, expect, it } from "vitest";
import * as packs from "../../policy-packs/lib/cidr";
import * as kit from "../../components/shared/cidr";
import { RULE_CASES } from "./cidr-cases";

function packsAnswer(entries: readonly string[]) {
  const v = packs.judge(entries);
  return { broad: v.broad.map((b) => b.index), spread: v.spread.map((s) => s.family) };
}

function kitAnswer(entries: readonly string[]) {
  const parsed = entries.map((e) => kit.parseCidr(e));
  const cidrs = parsed.filter((c): c is kit.Cidr => !kit.isCidrProblem(c));
  expect(cidrs).toHaveLength(entries.length); // every case is a well-formed block for the config
  return {
    broad: cidrs.flatMap((c, i) => (kit.isTooBroad(c) ? [i] : [])),
    spread: kit.internetInPieces(cidrs).map((s) => s.family),
  };
}

describe("the internet is refused in any split: one rule, two modules", () => {
  it("uses the same constants", () => {
    expect(kit.MIN_PREFIX).toEqual(packs.MIN_PREFIX);
    expect(kit.MAX_PUBLIC_SHARE).toBe(packs.MAX_PUBLIC_SHARE);
  });
  it.each(RULE_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const expected = { broad: c.broad, spread: c.spread };
    expect(packsAnswer(c.entries)).toEqual(expected);
    expect(kitAnswer(c.entries)).toEqual(expected);
  });
  it("the packs leave garbage to the provider; the config refuses it as malformed", () => {
    expect(packs.judge(["garbage", "0.0.0.0 /0"]).unparsed).toEqual([0, 1]);
    expect(kit.isCidrProblem(kit.parseCidr("garbage"))).toBe(true);
  });
});
