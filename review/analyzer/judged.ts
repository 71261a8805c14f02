/**
 * Which resources each policy of one pack judged in one stack, read from the pack's own answers:
 * every AnalyzeResponse lists, per policy that did not apply to the resource, a not-applicable
 * entry; AnalyzeStack's lists the stack policies that did not apply to the stack.
 *
 * The SDK sends a resource policy's resources only while it is enabled, and answers one entry per
 * validation function that did not apply (a policy may have several, e.g. one per type). So a
 * resource policy judged a resource when it reported a finding on it, or answered fewer
 * not-applicable entries for it than it did for the resources it skipped entirely (the most it
 * answered for any resource; at least one). A policy whose every resource matched one of its
 * functions is undercounted, never overcounted: the reports never claim a check that did not run.
 */
import type { PolicyDescription } from "../model";

/** Policies of one pack that judged at least one resource: resource policies with the URNs. */
export interface PackJudgement {
  /** Resource policy name -> URNs of the resources it judged (only policies that judged any). */
  readonly resources: ReadonlyMap<string, readonly string[]>;
  /** Stack policies that ran over the stack (enabled, not answered not-applicable). */
  readonly stackPolicies: ReadonlySet<string>;
}

/** Count kept for a resource a policy reported a finding on: judged whatever else it answered. */
const DIAGNOSED = 255;

export class JudgedTally {
  /** Enabled resource policies, each a column of the per-resource counts. */
  private readonly column = new Map<string, number>();
  private readonly rows: { readonly urn: string; readonly counts: Uint8Array }[] = [];
  private readonly stackRan = new Set<string>();

  constructor(private readonly policies: readonly PolicyDescription[]) {
    for (const p of policies) {
      if (p.kind === "resource" && p.enforcementLevel !== "disabled") {
        this.column.set(p.name, this.column.size);
      }
    }
  }

  /** One Analyze answer for `urn`: the policies named not applicable, those that reported on it. */
  resource(urn: string, notApplicable: readonly string[], reported: readonly string[]): void {
    const counts = new Uint8Array(this.column.size);
    for (const name of notApplicable) {
      const i = this.column.get(name);
      if (i !== undefined && counts[i]! < DIAGNOSED - 1) {
        counts[i]!++;
      }
    }
    for (const name of reported) {
      const i = this.column.get(name);
      if (i !== undefined) {
        counts[i] = DIAGNOSED;
      }
    }
    this.rows.push({ urn, counts });
  }

  /** The AnalyzeStack answer: every enabled stack policy not named not applicable ran. */
  stack(notApplicable: readonly string[]): void {
    const skipped = new Set(notApplicable);
    for (const p of this.policies) {
      if (p.kind === "stack" && p.enforcementLevel !== "disabled" && !skipped.has(p.name)) {
        this.stackRan.add(p.name);
      }
    }
  }

  result(): PackJudgement {
    const most = new Uint8Array(this.column.size).fill(1);
    for (const { counts } of this.rows) {
      counts.forEach((n, i) => {
        if (n !== DIAGNOSED && n > most[i]!) {
          most[i] = n;
        }
      });
    }
    const resources = new Map<string, string[]>();
    for (const [name, i] of this.column) {
      const urns = this.rows
        .filter(({ counts }) => counts[i] === DIAGNOSED || counts[i]! < most[i]!)
        .map((r) => r.urn);
      if (urns.length > 0) {
        resources.set(name, urns);
      }
    }
    return { resources, stackPolicies: new Set(this.stackRan) };
  }
}
