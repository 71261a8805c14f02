import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../shared/tags";
import type { BucketPerimeter } from "./perimeter";

export type ObjectOwnership = "BucketOwnerEnforced" | "BucketOwnerPreferred";

export interface ObjectLockSettings {
  readonly mode: "GOVERNANCE" | "COMPLIANCE";
  readonly days: number;
}

export interface SecureBucketArgs {
  /** Globally unique bucket name. */
  readonly bucketName: pulumi.Input<string>;
  /** `tenant-data` or `access-logs`, tagged as enclave:purpose. */
  readonly purpose: string;
  readonly partition: string;
  readonly accountId: pulumi.Input<string>;
  /** Customer-managed key for SSE-KMS; uploads naming another key are refused. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Where this bucket's server access logs go. Every bucket logs, except the log bucket itself. */
  readonly accessLogs?: {
    readonly targetBucket: pulumi.Input<string>;
    readonly targetPrefix: pulumi.Input<string>;
  };
  /** Marks a log bucket: S3 server access logging may write here, from these buckets only. */
  readonly receivesAccessLogsFrom?: readonly pulumi.Input<string>[];
  /** Marks a log bucket: CloudTrail may deliver here, for this trail ARN only (`aws:SourceArn`). */
  readonly receivesTrailFrom?: pulumi.Input<string>;
  /** Who may use the bucket and from where (data buckets; required unless a log bucket). */
  readonly perimeter?: BucketPerimeter;
  /** Origins allowed to read with CORS (`https://<domain>`); none means no CORS configuration. */
  readonly corsOrigins: readonly string[];
  /** Object lock default retention; off when absent (it can only be turned on at creation). */
  readonly objectLock?: ObjectLockSettings;
  readonly objectOwnership: ObjectOwnership;
  /** Days an overwritten or deleted object version is kept. */
  readonly noncurrentVersionDays: number;
  /** Current objects expire after this many days (log buckets); never for data buckets. */
  readonly expireCurrentAfterDays?: number;
  readonly tags: Tags;
}
