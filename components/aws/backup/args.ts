import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../shared/tags";
import type { LockMode } from "./defaults";

export interface DatabaseBackupArgs {
  /** Vault name (2-50 letters, digits, hyphens, underscores); also names the plan and selection. */
  readonly vaultName: string;
  /** ARNs of the databases the plan backs up (RDS instances or Aurora clusters). */
  readonly resourceArns: readonly pulumi.Input<string>[];
  /** The database key: encrypts the vault (RDS snapshots stay under the instance's own key). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Days each daily recovery point is kept; also the vault lock's minimum. */
  readonly retentionDays: number;
  /** `compliance` (nobody can lift it after the grace days) or `governance`. */
  readonly lockMode: LockMode;
  /** For the service role's managed policy ARNs. */
  readonly partition: string;
  readonly tags: Tags;
}
