/**
 * What one offline review produces. The reporters (table, JSON, SARIF, Markdown) read only this.
 */

export type Level = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical" | "unspecified";

/** A resource as the engine saw it: inputs (secrets masked) and resource options. */
export interface ReviewedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** URN of the parent resource; undefined only for the stack itself. */
  readonly parent?: string;
  readonly custom: boolean;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** Provider reference `<provider urn>::<id>`, when one was given explicitly or inherited. */
  readonly provider?: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly additionalSecretOutputs: readonly string[];
  /** Inputs as the engine saw them, every secret replaced by "[secret]". */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Outputs the mock engine computed (inputs plus provider-computed fields), secrets masked. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** One policy as its pack described it (GetAnalyzerInfo) with the level the stack configured. */
export interface PolicyDescription {
  readonly pack: string;
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  /** Effective level after the pack default, the pack's initial config and the stack's config. */
  readonly enforcementLevel: Level;
  readonly remediation?: string;
  readonly url?: string;
  readonly tags: readonly string[];
  /** NIST SP 800-53 control ids, from tags `nist-800-53:<id>` or the framework reference. */
  readonly nistControls: readonly string[];
  readonly cisControls: readonly string[];
  readonly kind: "resource" | "stack";
}

export interface PackDescription {
  readonly name: string;
  readonly version: string;
  readonly displayName?: string;
  readonly description?: string;
  /** Folder the pack was run from. */
  readonly directory: string;
  readonly policies: readonly PolicyDescription[];
}

export interface Violation {
  readonly pack: string;
  readonly packVersion: string;
  readonly policy: string;
  readonly severity: Severity;
  /** The level the pack reported it at: "mandatory" or "advisory" (remediate is reported as mandatory). */
  readonly enforcementLevel: "advisory" | "mandatory";
  /** Resource at fault; undefined for a stack-level finding without a resource. */
  readonly urn?: string;
  readonly message: string;
  readonly description?: string;
}

import type { Waiver } from "./contract";

/** A stack-config waiver (the reviewer's contract, review/contract/waivers.ts). */
export type { Waiver };

export interface WaivedViolation extends Violation {
  readonly waiver: Waiver;
}

export interface ReviewError {
  /** Where it failed: reading the program or its config, running it, or running a pack. */
  readonly phase: "program" | "config" | "pack";
  /** One paragraph a person can act on. */
  readonly message: string;
  /** Pack name or program folder. */
  readonly subject?: string;
}

/** A policy that judged at least one resource of the stack, by the analyzer's own answers. */
export interface JudgedPolicy {
  readonly pack: string;
  readonly policy: string;
  /** Resources it judged: for a resource policy those it applied to; for a stack policy that ran, the resources of the types it names (resource-type: tags), or every resource it was given. */
  readonly resources: number;
}

/** What ran: the raw facts review/evidence.ts turns into per-policy and per-control status. */
export interface Judged {
  /** Only policies that judged a resource; every other policy judged nothing. */
  readonly policies: readonly JudgedPolicy[];
  /** Resources judged by at least one policy. */
  readonly resources: number;
  /** Resources the packs were given (every resource but the stack). */
  readonly analyzed: number;
}

export interface StackReview {
  readonly project: string;
  readonly stack: string;
  /** The program folder that ran; "" for a stack export (`--state`), where nothing runs. */
  readonly programDir: string;
  /** The `pulumi stack export` reviewed (`--state`) instead of running the program. */
  readonly stateFile?: string;
  /** With `--state`: where each secret of the export was (`<urn> inputs.<path>`); each became a placeholder. */
  readonly stateSecrets?: readonly string[];
  /** Stack config file reviewed, if any. */
  readonly configFile?: string;
  /** Config keys whose `secure:` values were replaced by placeholders (no key to decrypt them offline). */
  readonly placeholderSecrets: readonly string[];
  readonly resources: readonly ReviewedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly packs: readonly PackDescription[];
  readonly judged: Judged;
  /** Violations still in force (including those whose waiver expired). */
  readonly violations: readonly Violation[];
  readonly waived: readonly WaivedViolation[];
  /** Waivers that are past their expiry date (each also leaves its violation in `violations`). */
  readonly expiredWaivers: readonly Waiver[];
  /** Waivers that matched no finding. */
  readonly unusedWaivers: readonly Waiver[];
  readonly errors: readonly ReviewError[];
  readonly timingsMs: Readonly<Record<string, number>>;
}

/** 0 clean, 1 a mandatory violation (or an expired waiver), 2 could not be evaluated. */
export function exitCodeOf(review: StackReview): 0 | 1 | 2 {
  if (review.errors.length > 0) {
    return 2;
  }
  return review.violations.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0;
}

export function exitCodeOfAll(reviews: readonly StackReview[]): 0 | 1 | 2 {
  return reviews.reduce<0 | 1 | 2>((acc, r) => Math.max(acc, exitCodeOf(r)) as 0 | 1 | 2, 0);
}
