import type { Environment } from "../../shared/platform";
import {
  DEFAULT_CLASSIFICATION,
  ownerOrTenant,
  type Classification,
} from "../../shared/classification";

/** GCP labels: lower-case keys and values of letters, digits, `_` and `-`, at most 63 characters. */
export type Labels = Readonly<Record<string, string>>;

const LABEL = /[^a-z0-9_-]/g;

/** A value as a label accepts it: lower-cased, other characters to `-`, cut to 63. */
export function labelValue(value: string): string {
  return value.toLowerCase().replace(LABEL, "-").slice(0, 63);
}

/** The labels every enclave GCP resource carries (the AWS tags' counterparts). */
export function baseLabels(args: {
  readonly tenant: string;
  readonly environment: Environment;
  readonly stack: string;
  /** Default: confidential. */
  readonly classification?: Classification;
  /** Default: the tenant. */
  readonly owner?: string;
}): Labels {
  return {
    "enclave-tenant": labelValue(args.tenant),
    "enclave-environment": args.environment,
    "enclave-stack": labelValue(args.stack),
    "enclave-classification": args.classification ?? DEFAULT_CLASSIFICATION,
    "enclave-owner": labelValue(ownerOrTenant(args.owner, args.tenant)),
    "managed-by": "pulumi",
  };
}

export function withPurpose(labels: Labels, purpose: string): Labels {
  return { ...labels, "enclave-purpose": labelValue(purpose) };
}
