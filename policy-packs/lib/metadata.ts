import type { Severity } from "@pulumi/policy";

/** The concerns enclave's packs are organised by; each policy belongs to exactly one. */
export const CONCERNS = [
  "encryption",
  "least-privilege",
  "network-exposure",
  "data-protection",
  "workload-security",
  "supply-chain",
] as const;
export type Concern = (typeof CONCERNS)[number];

/** Which pack carries which concerns (a pack is one analyzer process; fewer start faster). */
export const PACKS = {
  encryption: ["encryption"],
  "least-privilege": ["least-privilege", "network-exposure"],
  "data-protection": ["data-protection"],
  "workload-security": ["workload-security", "supply-chain"],
} as const satisfies Record<string, readonly Concern[]>;
export type PackName = keyof typeof PACKS;

export const PROVIDERS = ["aws", "gcp", "kubernetes", "pulumi"] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Compliance mapping of a policy. NIST SP 800-53 rev. 5 is required; CIS ids where one exists. */
export interface Controls {
  /** e.g. ["SC-28", "SC-12(1)"] */
  readonly nist: readonly string[];
  /** e.g. ["CIS EKS 1.8.0 5.3.1"] */
  readonly cis?: readonly string[];
}

/** What every enclave policy declares besides its check. */
export interface PolicyMetadata {
  /** `<provider>-<service>-<resource>-<check>`, kebab case; also the file name. */
  readonly name: string;
  /** One or two full sentences: what is checked and why it matters. */
  readonly description: string;
  readonly severity: Severity;
  /** What to change, concretely, to comply. */
  readonly remediation: string;
  readonly controls: Controls;
  readonly concern: Concern;
  /**
   * `advisory` for a policy whose finding informs rather than blocks (it overrides the pack's
   * mandatory default; a stack's policy config may still raise it). Unset: the pack's level.
   */
  readonly enforcementLevel?: "advisory";
}

export const NIST_TAG_PREFIX = "nist-800-53:";
export const CIS_TAG_PREFIX = "cis:";
export const CONCERN_TAG_PREFIX = "concern:";
/** On a stack policy: a type of the resources it judges (`resource-type:aws:s3/bucketV2:BucketV2`). */
export const RESOURCE_TYPE_TAG_PREFIX = "resource-type:";

/** Tags carried in GetAnalyzerInfo, so reports can group results by control without the source. */
export function metadataTags(meta: PolicyMetadata): string[] {
  return [
    `${CONCERN_TAG_PREFIX}${meta.concern}`,
    ...meta.controls.nist.map((c) => `${NIST_TAG_PREFIX}${c}`),
    ...(meta.controls.cis ?? []).map((c) => `${CIS_TAG_PREFIX}${c}`),
  ];
}

const NAME = /^(aws|gcp|kubernetes|pulumi)(-[a-z0-9]+){3,}$/;
const NIST = /^[A-Z]{2}-\d{1,2}(\(\d{1,2}\))?$/;

/** Problems with a policy's metadata (empty when it is complete); checked by a test for every policy. */
export function metadataProblems(meta: PolicyMetadata): string[] {
  const problems: string[] = [];
  if (!NAME.test(meta.name)) {
    problems.push(`name "${meta.name}" is not <provider>-<service>-<resource>-<check>`);
  }
  if (!/^[A-Z].*\.$/s.test(meta.description.trim())) {
    problems.push(`${meta.name}: description must be full sentences`);
  }
  if (meta.remediation.trim().length < 20) {
    problems.push(`${meta.name}: remediation is too thin`);
  }
  if (meta.controls.nist.length === 0) {
    problems.push(`${meta.name}: no NIST SP 800-53 control`);
  }
  for (const c of meta.controls.nist) {
    if (!NIST.test(c)) {
      problems.push(`${meta.name}: "${c}" is not a NIST SP 800-53 control id`);
    }
  }
  return problems;
}
