/**
 * The JSON report (architecture.md, "Offline reviewer contract"):
 * `{ "resources": [{ urn, type, name, parent, protect, retainOnDelete, inputs }],
 *    "violations": [{ pack, policy, severity, enforcementLevel, urn, message }] }`
 * plus the rest of the review. Absent values are `null`, so every key is always present.
 * With several stacks: `{ "stacks": [<one stack>...], "resources": [...], "violations": [...] }`,
 * the top-level arrays concatenating every stack's entries, each with a `stack` field.
 */
import {
  exitCodeOf,
  exitCodeOfAll,
  type ReviewedResource,
  type StackReview,
  type Violation,
  type Waiver,
} from "../model";
import { evidenceSummary, policyEvidence, type PolicyEvidence } from "../evidence";
import { countsOf, expiredWaiverFor, isMulti, verdictOf, type ReportOptions } from "./common";

export interface JsonResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly custom: boolean;
  readonly provider: string | null;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly additionalSecretOutputs: readonly string[];
}

export interface JsonViolation {
  readonly pack: string;
  readonly policy: string;
  readonly severity: string;
  readonly enforcementLevel: "advisory" | "mandatory";
  readonly urn: string | null;
  readonly message: string;
  readonly packVersion: string;
  readonly description: string | null;
  /** Set when the finding's waiver has expired (the finding counts again). */
  readonly expiredWaiver?: Waiver;
}

export interface JsonWaived extends JsonViolation {
  readonly waiver: Waiver;
}

export interface JsonStack {
  readonly stack: string;
  readonly project: string;
  readonly programDir: string;
  /** The stack export reviewed (`--state`), or null when the program ran. */
  readonly stateFile: string | null;
  readonly configFile: string | null;
  readonly summary: {
    readonly resources: number;
    readonly mandatory: number;
    readonly advisory: number;
    readonly waived: number;
    readonly errors: number;
    readonly exitCode: 0 | 1 | 2;
    readonly verdict: string;
    /** Policies of the packs, those that judged at least one resource, and the resources judged. */
    readonly policies: number;
    readonly applicablePolicies: number;
    readonly resourcesJudged: number;
  };
  readonly placeholderSecrets: readonly string[];
  /** With `--state`: where the export's secrets were (`<urn> inputs.<path>`), each now a placeholder. */
  readonly stateSecrets: readonly string[];
  readonly packs: StackReview["packs"];
  /** Every policy with what it did in this stack: passed, failed, waived, not applicable, ... */
  readonly policies: readonly PolicyEvidence[];
  readonly resources: readonly JsonResource[];
  readonly violations: readonly JsonViolation[];
  readonly waived: readonly JsonWaived[];
  readonly expiredWaivers: readonly Waiver[];
  readonly unusedWaivers: readonly Waiver[];
  readonly errors: StackReview["errors"];
  readonly timingsMs: StackReview["timingsMs"];
}

export interface JsonMulti {
  readonly summary: { readonly stacks: number; readonly exitCode: 0 | 1 | 2 };
  readonly stacks: readonly JsonStack[];
  readonly resources: readonly (JsonResource & { readonly stack: string })[];
  readonly violations: readonly (JsonViolation & { readonly stack: string })[];
}

function resourceJson(r: ReviewedResource): JsonResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent ?? null,
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    inputs: r.inputs,
    custom: r.custom,
    provider: r.provider ?? null,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    additionalSecretOutputs: r.additionalSecretOutputs,
  };
}

function violationJson(v: Violation): JsonViolation {
  return {
    pack: v.pack,
    policy: v.policy,
    severity: v.severity,
    enforcementLevel: v.enforcementLevel,
    urn: v.urn ?? null,
    message: v.message,
    packVersion: v.packVersion,
    description: v.description ?? null,
  };
}

/** The single-stack object (also each element of `stacks` in the multi-stack shape). */
export function stackJson(review: StackReview): JsonStack {
  const counts = countsOf(review);
  const evidence = evidenceSummary(review);
  return {
    stack: review.stack,
    project: review.project,
    programDir: review.programDir,
    stateFile: review.stateFile ?? null,
    configFile: review.configFile ?? null,
    summary: {
      ...counts,
      exitCode: exitCodeOf(review),
      verdict: verdictOf(review),
      policies: evidence.policies,
      applicablePolicies: evidence.applicable,
      resourcesJudged: evidence.judged,
    },
    placeholderSecrets: review.placeholderSecrets,
    stateSecrets: review.stateSecrets ?? [],
    packs: review.packs,
    policies: policyEvidence(review),
    resources: review.resources.map(resourceJson),
    violations: review.violations.map((v) => {
      const expired = expiredWaiverFor(review, v);
      return expired ? { ...violationJson(v), expiredWaiver: expired } : violationJson(v);
    }),
    waived: review.waived.map((v) => ({ ...violationJson(v), waiver: v.waiver })),
    expiredWaivers: review.expiredWaivers,
    unusedWaivers: review.unusedWaivers,
    errors: review.errors,
    timingsMs: review.timingsMs,
  };
}

export function multiJson(reviews: readonly StackReview[]): JsonMulti {
  const stacks = reviews.map(stackJson);
  return {
    summary: { stacks: stacks.length, exitCode: exitCodeOfAll(reviews) },
    stacks,
    resources: stacks.flatMap((s) => s.resources.map((r) => ({ stack: s.stack, ...r }))),
    violations: stacks.flatMap((s) => s.violations.map((v) => ({ stack: s.stack, ...v }))),
  };
}

/** The JSON report as text (two-space indent, trailing newline). */
export function renderJson(reviews: readonly StackReview[], options: ReportOptions = {}): string {
  if (!isMulti(reviews, options) && reviews.length !== 1) {
    throw new Error(
      `The single-stack JSON report needs exactly one review, got ${reviews.length}.`,
    );
  }
  const value = isMulti(reviews, options) ? multiJson(reviews) : stackJson(reviews[0]!);
  return `${JSON.stringify(value, null, 2)}\n`;
}
