/**
 * Data classification and ownership: the marks every stateful resource carries next to its tenant
 * and environment (AWS tags `enclave:classification` / `enclave:owner`, GCP labels
 * `enclave-classification` / `enclave-owner`), read by pulumi-resource-stateful-require-data-tags
 * and listed with each data store in the stack outputs (`dataStores`).
 */
export const CLASSIFICATIONS = ["internal", "confidential", "restricted"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Tenant data is the client's: confidential unless the stack says otherwise. */
export const DEFAULT_CLASSIFICATION: Classification = "confidential";

/**
 * An owner fits an AWS tag, a GCP label and a Kubernetes label value alike: lower-case letters,
 * digits, `-` and `_`, 1-63 characters, starting and ending with a letter or digit.
 */
export const OWNER_PATTERN = /^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$/;

/** Who answers for the data: the configured owner, or else the tenant (the client owns its data). */
export function ownerOrTenant(owner: string | undefined, tenant: string): string {
  return owner ?? tenant;
}

/** A data store of the stack, as the stack outputs list it. */
export interface DataStore<Name = unknown> {
  readonly kind: "bucket" | "database" | "queue";
  /** What it holds, e.g. `tenant-data`, `access-logs`, `audit-trail`. */
  readonly purpose: string;
  readonly name: Name;
}
