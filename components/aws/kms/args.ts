import type * as pulumi from "@pulumi/pulumi";
import type { ArnContext, Conditions, Principal } from "../shared/iam";
import type { Tags } from "../shared/tags";

/** One statement granting use of the key: who, which actions, under which conditions. */
export interface KeyUser {
  /** Statement id, e.g. `CloudWatchLogsUse`. */
  readonly sid: string;
  readonly principal: Principal;
  readonly actions: readonly string[];
  /** `kms:ViaService`, `kms:EncryptionContext:*`, `kms:CallerAccount`, ... */
  readonly conditions?: Conditions;
}

export interface EncryptionKeyArgs {
  /** What the key encrypts: `cluster`, `volumes`, `storage`, `database`, `logs`. */
  readonly purpose: string;
  /** Human description stored on the key. */
  readonly description: string;
  /** Alias, e.g. `alias/enclave/acme/prod/storage`; must not start with `alias/aws/`. */
  readonly aliasName: string;
  readonly arn: ArnContext;
  /**
   * IAM role ARNs that administer the key (never use it). Empty: the account root, so the
   * account's IAM policies decide who administers; the deployer must be one of them, or KMS
   * refuses the policy (lockout safety check).
   */
  readonly administrators: readonly pulumi.Input<string>[];
  /** Who may use the key and how; at least one statement. */
  readonly users: readonly KeyUser[];
  readonly tags: Tags;
}
