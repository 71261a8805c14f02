import type * as pulumi from "@pulumi/pulumi";
import type { BucketRetention } from "../settings";
import type { Labels } from "../shared/labels";

export interface TenantStorageArgs {
  readonly project: pulumi.Input<string>;
  /** The region (the keys' location: a CMEK bucket must share its key's location). */
  readonly location: string;
  /** Globally unique names, e.g. `enclave-acme-prod-data-<suffix>`. */
  readonly dataBucketName: string;
  readonly logBucketName: string;
  /** The tenant key ring's `storage` and `logs` keys. */
  readonly dataKeyId: pulumi.Input<string>;
  readonly logsKeyId: pulumi.Input<string>;
  /** The app's origin (`https://<domain>`), the only one CORS admits. */
  readonly appOrigin: string;
  /** The data bucket's retention policy; without one the bucket keeps object versions instead. */
  readonly retention?: BucketRetention;
  /** Days overwritten or deleted object versions are kept (without a retention policy). */
  readonly noncurrentVersionRetentionDays: number;
  /** The log bucket's retention policy: logs are kept, and then deleted, after this many days. */
  readonly logRetention: BucketRetention;
  readonly labels: Labels;
}
