/**
 * Evidence that counts only what ran (architecture.md, "Evidence"): per stack, a policy is
 * applicable only if it judged at least one resource; a control is evidenced only by applicable
 * policies that passed, and "not evaluated" when none of its policies applied. Pure functions of
 * the review model, shared by every reporter.
 */
import type { PackJudgement } from "./analyzer/judged";
import type {
  Judged,
  JudgedPolicy,
  PackDescription,
  PolicyDescription,
  StackReview,
  Violation,
} from "./model";
import { compareControls, compareStrings, plural } from "./report/common";

/** On a stack policy: a type of the resources it judges (set by the kit's packs). */
export const RESOURCE_TYPE_TAG = "resource-type:";

/** What the analyzer's answers say each pack's policies judged, over the resources it was given. */
export function judgedOf(
  analyses: readonly { readonly pack: PackDescription; readonly judged: PackJudgement }[],
  analyzed: readonly { readonly urn: string; readonly type: string }[],
): Judged {
  const policies: JudgedPolicy[] = [];
  const resources = new Set<string>();
  for (const { pack, judged } of analyses) {
    for (const p of pack.policies) {
      let urns: readonly string[] = [];
      if (p.kind === "resource") {
        urns = judged.resources.get(p.name) ?? [];
      } else if (judged.stackPolicies.has(p.name)) {
        const types = p.tags
          .filter((t) => t.startsWith(RESOURCE_TYPE_TAG))
          .map((t) => t.slice(RESOURCE_TYPE_TAG.length));
        urns = (types.length > 0 ? analyzed.filter((r) => types.includes(r.type)) : analyzed).map(
          (r) => r.urn,
        );
      }
      if (urns.length > 0) {
        policies.push({ pack: pack.name, policy: p.name, resources: urns.length });
        urns.forEach((u) => resources.add(u));
      }
    }
  }
  return { policies, resources: resources.size, analyzed: analyzed.length };
}

/**
 * passed: judged a resource, no finding. failed: a finding in force (mandatory or advisory).
 * waived: findings only under waivers. not applicable: judged no resource of the stack.
 * disabled: the stack's config turned it off. not evaluated: its pack or the program failed.
 */
export type PolicyStatus =
  "passed" | "failed" | "waived" | "not applicable" | "disabled" | "not evaluated";

export interface PolicyEvidence {
  readonly pack: string;
  readonly policy: string;
  readonly kind: PolicyDescription["kind"];
  readonly status: PolicyStatus;
  /** Judged at least one resource of the stack. */
  readonly applicable: boolean;
  readonly resourcesJudged: number;
  readonly violations: number;
  readonly waived: number;
  readonly nistControls: readonly string[];
}

/** Every policy of the stack's packs with what it did in this stack. */
export function policyEvidence(review: StackReview): PolicyEvidence[] {
  const programFailed = review.errors.some((e) => e.phase !== "pack" || e.subject === undefined);
  const failedPacks = new Set(
    review.errors.filter((e) => e.phase === "pack").map((e) => e.subject),
  );
  const judged = new Map(review.judged.policies.map((j) => [`${j.pack}\u0000${j.policy}`, j]));
  const tally = (list: readonly Violation[]) => {
    const counts = new Map<string, number>();
    for (const v of list) {
      const key = `${v.pack}\u0000${v.policy}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };
  const inForce = tally(review.violations);
  const underWaiver = tally(review.waived);
  return review.packs.flatMap((pack) =>
    pack.policies.map((p): PolicyEvidence => {
      const key = `${pack.name}\u0000${p.name}`;
      const violations = inForce.get(key) ?? 0;
      const waived = underWaiver.get(key) ?? 0;
      const resourcesJudged = judged.get(key)?.resources ?? 0;
      const status: PolicyStatus =
        violations > 0
          ? "failed"
          : p.enforcementLevel === "disabled"
            ? "disabled"
            : programFailed || failedPacks.has(pack.name) || failedPacks.has(pack.directory)
              ? "not evaluated"
              : waived > 0
                ? "waived"
                : resourcesJudged > 0
                  ? "passed"
                  : "not applicable";
      return {
        pack: pack.name,
        policy: p.name,
        kind: p.kind,
        status,
        applicable: resourcesJudged > 0 || violations + waived > 0,
        resourcesJudged,
        violations,
        waived,
        nistControls: [...new Set(p.nistControls)],
      };
    }),
  );
}

/** "74 of 142 policies judged 312 of 340 resources". */
export interface EvidenceSummary {
  readonly policies: number;
  readonly applicable: number;
  readonly resources: number;
  readonly judged: number;
}

export function evidenceSummary(review: StackReview): EvidenceSummary {
  const evidence = policyEvidence(review);
  return {
    policies: evidence.length,
    applicable: evidence.filter((e) => e.applicable).length,
    resources: review.judged.analyzed,
    judged: review.judged.resources,
  };
}

/** "74 of 142 policies judged 312 of 340 resources", for the console and the Markdown. */
export function judgedLine(review: StackReview): string {
  const e = evidenceSummary(review);
  return `${e.applicable} of ${plural(e.policies, "policy", "policies")} judged ${e.judged} of ${plural(e.resources, "resource")}`;
}

export type ControlStatus = "evidenced" | "failing" | "waived" | "not evaluated";

export interface ControlStanding {
  readonly control: string;
  readonly status: ControlStatus;
  /** Every policy mapped to the control, failing first, then waived, passed, and the rest. */
  readonly policies: readonly PolicyEvidence[];
}

const STATUS_ORDER: readonly PolicyStatus[] = [
  "failed",
  "waived",
  "passed",
  "not evaluated",
  "not applicable",
  "disabled",
];

/**
 * The stack's standing per NIST SP 800-53 control, over every policy of its packs that maps to
 * one: failing (a policy reported a finding in force), not evaluated (a policy's pack or the
 * program failed, or none of its policies judged a resource of the stack), waived (findings only
 * under waivers), or evidenced (at least one policy judged resources and passed, none failed).
 * Sorted AC-2 < AC-6 < AC-6(1) < AU-2.
 */
export function controlStandings(review: StackReview): ControlStanding[] {
  const byControl = new Map<string, PolicyEvidence[]>();
  for (const e of policyEvidence(review)) {
    for (const control of e.nistControls) {
      byControl.set(control, [...(byControl.get(control) ?? []), e]);
    }
  }
  return [...byControl.entries()]
    .sort(([a], [b]) => compareControls(a, b))
    .map(([control, list]) => {
      const has = (s: PolicyStatus) => list.some((p) => p.status === s);
      const status: ControlStatus = has("failed")
        ? "failing"
        : has("not evaluated")
          ? "not evaluated"
          : has("waived")
            ? "waived"
            : has("passed")
              ? "evidenced"
              : "not evaluated";
      const policies = [...list].sort(
        (a, b) =>
          STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
          compareStrings(a.policy, b.policy),
      );
      return { control, status, policies };
    });
}
