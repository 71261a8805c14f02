import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withPurpose } from "../shared/tags";
import { SecureBucket } from "../storage/bucket";
import type { TrailArgs } from "./args";
import { createTrailCloudWatch } from "./cloudWatch";
import { INCLUDE_GLOBAL_SERVICE_EVENTS, LOG_FILE_VALIDATION, MULTI_REGION } from "./defaults";
import { validateTrailArgs } from "./validate";

/** Advanced event selectors: every management event (KMS included), and S3 object reads and writes of the data buckets. */
export function trailEventSelectors(dataBucketArns: readonly pulumi.Input<string>[]) {
  return [
    {
      name: "Management events, KMS included",
      fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }],
    },
    {
      // No readOnly selector: reads (GetObject) and writes (PutObject, DeleteObject) alike.
      name: "S3 object reads and writes of the tenant bucket",
      fieldSelectors: [
        { field: "eventCategory", equals: ["Data"] },
        { field: "resources.type", equals: ["AWS::S3::Object"] },
        {
          field: "resources.ARN",
          startsWiths: dataBucketArns.map((arn) => pulumi.interpolate`${arn}/`),
        },
      ],
    },
  ];
}

/**
 * A CloudTrail trail of the stack: management events of every region (KMS included), S3 data
 * events (read and write) of the tenant bucket, log file validation, SSE-KMS with the logs key,
 * delivered to a dedicated log bucket (versioned, Object Lock, Block Public Access, ownership
 * enforced, TLS only, writable by CloudTrail for this trail's ARN only). The trail and its bucket
 * are protected from deletion.
 */
export class Trail extends pulumi.ComponentResource {
  public readonly trailArn: pulumi.Output<string>;
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;
  /** The CloudWatch Logs group the trail also delivers to (when asked). */
  public readonly cloudWatchLogGroupName?: pulumi.Output<string>;

  constructor(name: string, args: TrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:aws:Trail", name, {}, opts);
    const problems = validateTrailArgs(name, args);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(problems.join("\n"), this);
    }
    const bucket = new SecureBucket(
      `${name}-logs`,
      {
        bucketName: args.bucketName,
        purpose: "trail-logs",
        partition: args.partition,
        accountId: args.accountId,
        kmsKeyArn: args.kmsKeyArn,
        accessLogs: args.accessLogs,
        receivesTrailFrom: args.trailArn,
        corsOrigins: [],
        objectLock: args.lock,
        objectOwnership: "BucketOwnerEnforced",
        noncurrentVersionDays: args.noncurrentVersionDays,
        expireCurrentAfterDays: args.lock.days,
        tags: args.tags,
      },
      { parent: this },
    );
    const delivery = args.cloudWatchLogs
      ? createTrailCloudWatch(
          name,
          {
            logGroupName: args.cloudWatchLogs.logGroupName,
            trailArn: args.trailArn,
            partition: args.partition,
            region: args.cloudWatchLogs.region,
            accountId: args.accountId,
            kmsKeyArn: args.kmsKeyArn,
            retentionInDays: args.cloudWatchLogs.retentionInDays,
            tags: args.tags,
          },
          this,
        )
      : undefined;
    const trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: args.trailName,
        s3BucketName: bucket.bucketName,
        kmsKeyId: args.kmsKeyArn,
        enableLogFileValidation: LOG_FILE_VALIDATION,
        enableLogging: true,
        isMultiRegionTrail: MULTI_REGION,
        includeGlobalServiceEvents: INCLUDE_GLOBAL_SERVICE_EVENTS,
        advancedEventSelectors: trailEventSelectors(args.dataBucketArns),
        ...(delivery
          ? { cloudWatchLogsGroupArn: delivery.groupArn, cloudWatchLogsRoleArn: delivery.role.arn }
          : {}),
        tags: withPurpose(args.tags, "audit-trail"),
      },
      // The bucket policy must admit CloudTrail before the trail is created.
      { parent: this, dependsOn: [bucket], protect: true },
    );
    this.trailArn = trail.arn;
    this.cloudWatchLogGroupName = delivery?.group.name;
    this.bucketName = bucket.bucketName;
    this.bucketArn = bucket.bucketArn;
    this.registerOutputs({ trailArn: this.trailArn, bucketName: this.bucketName });
  }
}
