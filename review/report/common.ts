/**
 * What every reporter shares: reading URNs, counting, the verdict, matching waivers to findings and
 * ordering NIST SP 800-53 control ids. Pure functions of the review model.
 */
import {
  exitCodeOf,
  type PolicyDescription,
  type Severity,
  type StackReview,
  type Violation,
  type Waiver,
} from "../model";
import { parseUrn } from "../urn";
import { waiverMatches } from "../waivers";

export { parseUrn, type ParsedUrn } from "../urn";
export { waiverMatches } from "../waivers";

/** Options every reporter takes. */
export interface ReportOptions {
  /**
   * Render the multi-stack shape (summary table, `stacks` array, per-stack runs). Defaults to
   * `reviews.length > 1`; the CLI sets it for `--all` so the shape does not depend on how many
   * stack files a folder happens to hold.
   */
  readonly all?: boolean;
}

export function isMulti(reviews: readonly StackReview[], options: ReportOptions): boolean {
  return options.all ?? reviews.length > 1;
}

/** Most severe first: the order of the report's sections. */
export const SEVERITY_ORDER: readonly Severity[] = [
  "critical",
  "high",
  "medium",
  "low",
  "unspecified",
];

/** Type and name of the resource a finding is about, for display. */
export function resourceOf(urn: string | undefined): { type: string; name: string } | undefined {
  if (urn === undefined) {
    return undefined;
  }
  const parsed = parseUrn(urn);
  return parsed ? { type: parsed.type, name: parsed.name } : { type: "", name: urn };
}

/** `aws:s3/bucketV2:BucketV2 "data"`, or `(stack)` for a finding without a resource. */
export function resourceLabel(urn: string | undefined): string {
  const r = resourceOf(urn);
  if (!r) {
    return "(stack)";
  }
  return r.type ? `${r.type} "${r.name}"` : r.name;
}

export function findPolicy(
  review: StackReview,
  pack: string,
  policy: string,
): PolicyDescription | undefined {
  return review.packs.find((p) => p.name === pack)?.policies.find((p) => p.name === policy);
}

export function expiredWaiverFor(review: StackReview, violation: Violation): Waiver | undefined {
  return review.expiredWaivers.find((w) => waiverMatches(w, violation));
}

export interface Counts {
  readonly resources: number;
  readonly mandatory: number;
  readonly advisory: number;
  readonly waived: number;
  readonly errors: number;
}

export function countsOf(review: StackReview): Counts {
  return {
    resources: review.resources.length,
    mandatory: review.violations.filter((v) => v.enforcementLevel === "mandatory").length,
    advisory: review.violations.filter((v) => v.enforcementLevel === "advisory").length,
    waived: review.waived.length,
    errors: review.errors.length,
  };
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

export type VerdictStatus = "PASS" | "FAIL" | "ERROR";

export function verdictStatus(review: StackReview): VerdictStatus {
  return (["PASS", "FAIL", "ERROR"] as const)[exitCodeOf(review)];
}

/** "PASS", "FAIL: 3 mandatory violations" or "ERROR: could not be evaluated". */
export function verdictOf(review: StackReview): string {
  switch (verdictStatus(review)) {
    case "ERROR":
      return "ERROR: could not be evaluated";
    case "FAIL":
      return `FAIL: ${plural(countsOf(review).mandatory, "mandatory violation")}`;
    case "PASS":
      return "PASS";
  }
}

/** "2 secure config values were replaced by placeholders; no key is available offline". */
export function placeholderNotice(review: StackReview): string | undefined {
  const n = review.placeholderSecrets.length;
  if (n === 0) {
    return undefined;
  }
  return n === 1
    ? "1 secure config value was replaced by a placeholder; no key is available offline"
    : `${n} secure config values were replaced by placeholders; no key is available offline`;
}

/** "3 secrets of the stack export were replaced by placeholders; ..." (with `--state`). */
export function stateSecretsNotice(review: StackReview): string | undefined {
  const n = review.stateSecrets?.length ?? 0;
  if (n === 0) {
    return undefined;
  }
  return `${plural(n, "secret")} of the stack export ${n === 1 ? "was" : "were"} replaced by ${n === 1 ? "a placeholder" : "placeholders"} (ciphertext is not decrypted offline, plaintext is not passed on)`;
}

/** Violations ordered for reading: severity, then mandatory before advisory, policy, resource. */
export function sortViolations<V extends Violation>(violations: readonly V[]): V[] {
  const level = (v: Violation) => (v.enforcementLevel === "mandatory" ? 0 : 1);
  return [...violations].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      level(a) - level(b) ||
      compareStrings(a.policy, b.policy) ||
      compareStrings(a.urn ?? "", b.urn ?? "") ||
      compareStrings(a.message, b.message),
  );
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const CONTROL = /^([A-Z]{2})-(\d+)(?:\((\d+)\))?$/;

/**
 * Orders NIST SP 800-53 ids by family, then control number, then enhancement:
 * AC-2 < AC-6 < AC-6(1) < AC-6(10) < AU-2. Ids of another form sort after, alphabetically.
 */
export function compareControls(a: string, b: string): number {
  const ma = CONTROL.exec(a);
  const mb = CONTROL.exec(b);
  if (!ma || !mb) {
    return ma ? -1 : mb ? 1 : compareStrings(a, b);
  }
  return (
    compareStrings(ma[1]!, mb[1]!) ||
    Number(ma[2]) - Number(mb[2]) ||
    (ma[3] === undefined ? -1 : Number(ma[3])) - (mb[3] === undefined ? -1 : Number(mb[3]))
  );
}
