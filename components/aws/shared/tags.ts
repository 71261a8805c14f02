import type { Classification } from "../../shared/classification";

/** Tags every enclave AWS resource carries: who it belongs to, and what it is for. */
export type Tags = Readonly<Record<string, string>>;

export interface TagContext {
  readonly tenant: string;
  readonly environment: string;
  /** The Pulumi stack, so a resource found in the console leads back to its stack file. */
  readonly stack: string;
  /** The data's classification and who answers for it (components/shared/classification.ts). */
  readonly classification: Classification;
  readonly owner: string;
}

export function baseTags(ctx: TagContext): Tags {
  return {
    "enclave:tenant": ctx.tenant,
    "enclave:environment": ctx.environment,
    "enclave:stack": ctx.stack,
    "enclave:classification": ctx.classification,
    "enclave:owner": ctx.owner,
    "managed-by": "pulumi",
  };
}

/** Base tags plus the resource's purpose (`enclave:purpose`), which the policy packs can read. */
export function withPurpose(tags: Tags, purpose: string, extra: Tags = {}): Tags {
  return { ...tags, "enclave:purpose": purpose, ...extra };
}

/**
 * Marks a principal (IAM role) or its EKS access entry as break-glass: a cluster-wide admin that
 * nobody uses for day-to-day work, whose every use is an incident to explain. The packs read it
 * (aws-eks-accesspolicyassociation-restrict-cluster-admin).
 */
export const BREAK_GLASS_TAG = "enclave:break-glass";

export function breakGlassTags(tags: Tags): Tags {
  return { ...tags, [BREAK_GLASS_TAG]: "true" };
}
