import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../shared/tags";

export interface TrailArgs {
  /** The trail's name; its ARN is known before it exists, so the bucket and key policies name it. */
  readonly trailName: string;
  /** The trail's ARN (`arn:<partition>:cloudtrail:<region>:<account>:trail/<trailName>`). */
  readonly trailArn: pulumi.Input<string>;
  /** The dedicated log bucket's globally unique name. */
  readonly bucketName: pulumi.Input<string>;
  readonly partition: string;
  readonly accountId: pulumi.Input<string>;
  /** The logs key: SSE-KMS of the log files and of the log bucket. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Buckets whose object reads and writes are recorded as S3 data events. */
  readonly dataBucketArns: readonly pulumi.Input<string>[];
  /** Object Lock of the log files: COMPLIANCE in prod (nobody can delete them before `days`). */
  readonly lock: { readonly mode: "GOVERNANCE" | "COMPLIANCE"; readonly days: number };
  /** Where the log bucket's own server access logs go. */
  readonly accessLogs: {
    readonly targetBucket: pulumi.Input<string>;
    readonly targetPrefix: pulumi.Input<string>;
  };
  readonly noncurrentVersionDays: number;
  /**
   * Also deliver the trail to this CloudWatch Logs group (created here: logs key, kept
   * `retentionInDays`), through a role CloudTrail assumes for this trail only. Absent: the bucket only.
   */
  readonly cloudWatchLogs?: {
    readonly logGroupName: string;
    readonly region: string;
    readonly retentionInDays: number;
  };
  readonly tags: Tags;
}
