import { describe, expect, it } from "vitest";
import type { Violation, Waiver } from "../../review/model";
import { applyWaivers, parseWaivers, WAIVER_EXPIRED_POLICY } from "../../review/waivers";

const URN = "urn:pulumi:prod::enclave::aws:lb/loadBalancer:LoadBalancer::acme-ingress";
const finding: Violation = {
  pack: "enclave-least-privilege",
  packVersion: "0.1.0",
  policy: "aws-lb-loadbalancer-waf",
  severity: "medium",
  enforcementLevel: "mandatory",
  urn: URN,
  message: "No WAF web ACL is associated with this load balancer.",
};
const waiver = (over: Partial<Waiver> = {}): Waiver => ({
  policy: "aws-lb-loadbalancer-waf",
  resource: "acme-ingress",
  justification: "WAF arrives with the CDN migration; accepted by the CISO.",
  expires: "2027-03-31",
  ...over,
});

describe("waivers", () => {
  it("moves a finding covered by a live waiver (by logical name) to waived", () => {
    const out = applyWaivers([finding], [waiver()], "2026-11-23");
    expect(out.violations).toEqual([]);
    expect(out.waived).toEqual([{ ...finding, waiver: waiver() }]);
    expect(out.unusedWaivers).toEqual([]);
  });

  it("matches a waiver given by full URN", () => {
    expect(applyWaivers([finding], [waiver({ resource: URN })], "2026-11-23").waived).toHaveLength(
      1,
    );
  });

  it("matches logical names that themselves contain ::, as the engine's URN parser reads them", () => {
    const odd = { ...finding, urn: `${URN.replace("acme-ingress", "")}team::ingress` };
    expect(
      applyWaivers([odd], [waiver({ resource: "team::ingress" })], "2026-11-23").waived,
    ).toHaveLength(1);
  });

  it("holds through its last day and expires the day after", () => {
    expect(applyWaivers([finding], [waiver()], "2027-03-31").violations).toEqual([]);
    const out = applyWaivers([finding], [waiver()], "2027-04-01");
    expect(out.waived).toEqual([]);
    expect(out.expiredWaivers).toEqual([waiver()]);
    expect(out.violations.map((v) => [v.policy, v.enforcementLevel, v.urn])).toEqual([
      ["aws-lb-loadbalancer-waf", "mandatory", URN],
      [WAIVER_EXPIRED_POLICY, "mandatory", URN],
    ]);
  });

  it("does not waive another policy on the same resource, nor the same policy elsewhere", () => {
    const other = { ...finding, policy: "aws-lb-loadbalancer-access-logs" };
    const elsewhere = { ...finding, urn: URN.replace("acme-ingress", "beta-ingress") };
    const out = applyWaivers([other, elsewhere], [waiver()], "2026-11-23");
    expect(out.violations).toEqual([other, elsewhere]);
    expect(out.unusedWaivers).toEqual([waiver()]);
  });

  it("parses enclave:waivers and rejects malformed entries in one paragraph", () => {
    expect(parseWaivers(JSON.stringify([waiver()]))).toEqual([waiver()]);
    expect(() =>
      parseWaivers(
        JSON.stringify([{ policy: "x", resource: "y", justification: "short", expires: "soon" }]),
      ),
    ).toThrow(
      "enclave:waivers is invalid: [0.justification] is too short to justify a waiver. Fix: say why the risk is accepted and who accepted it (20 characters at least); [0.expires] is not a date. Fix: write the last day the waiver holds as YYYY-MM-DD",
    );
  });

  it("names the config key the waivers came from, enclave:waivers unless told otherwise", () => {
    expect(() => parseWaivers("[{}", "acme:waivers")).toThrow(
      "acme:waivers must be a YAML list of { policy, resource, justification, expires }.",
    );
    expect(() => parseWaivers(JSON.stringify({}))).toThrow(
      "enclave:waivers is invalid: [] is not a list.",
    );
    const [expired] = applyWaivers([], [waiver()], "2027-04-01", "acme:waivers").violations;
    expect(expired!.message).toMatch(/expiry in acme:waivers\.$/);
  });
});
