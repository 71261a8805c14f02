import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { toJson } from "../shared/iam";
import { withPurpose } from "../shared/tags";
import type { SecureBucketArgs } from "./args";
import {
  ABORT_INCOMPLETE_MULTIPART_DAYS,
  BUCKET_KEY_ENABLED,
  CORS_RULE,
  PUBLIC_ACCESS_BLOCK,
  SSE_ALGORITHM,
} from "./defaults";
import { bucketPolicy } from "./policy";
import { validateSecureBucketArgs } from "./validate";

/**
 * A private S3 bucket: Block Public Access on all four switches, ACLs disabled, SSE-KMS with the
 * given key and bucket keys, versioning, a TLS-only / own-key-only bucket policy, server access
 * logs, lifecycle for old versions, CORS for the app's origin only, optional object lock,
 * protected from deletion.
 */
export class SecureBucket extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:aws:SecureBucket", name, {}, opts);
    const problems = validateSecureBucketArgs(name, args);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(problems.join("\n"), this);
    }
    const tags = withPurpose(args.tags, args.purpose);

    const bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      {
        bucket: args.bucketName,
        forceDestroy: false,
        objectLockEnabled: args.objectLock !== undefined,
        tags,
      },
      { parent: this, protect: true },
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      { bucket: bucket.id, ...PUBLIC_ACCESS_BLOCK },
      { parent: this },
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: args.objectOwnership } },
      { parent: this },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: SSE_ALGORITHM,
              kmsMasterKeyId: args.kmsKeyArn,
            },
            bucketKeyEnabled: BUCKET_KEY_ENABLED,
          },
        ],
      },
      { parent: this },
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      { parent: this },
    );
    new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket: bucket.id,
        policy: toJson(
          bucketPolicy({
            bucketArn: bucket.arn,
            kmsKeyArn: args.kmsKeyArn,
            accountId: args.accountId,
            ...(args.receivesAccessLogsFrom !== undefined
              ? { receivesAccessLogsFrom: args.receivesAccessLogsFrom }
              : {}),
            ...(args.receivesTrailFrom !== undefined
              ? { receivesTrailFrom: args.receivesTrailFrom }
              : {}),
            ...(args.perimeter !== undefined ? { perimeter: args.perimeter } : {}),
          }),
        ),
      },
      { parent: this, dependsOn: [publicAccessBlock] },
    );
    if (args.accessLogs !== undefined) {
      new aws.s3.BucketLogging(
        `${name}-logging`,
        {
          bucket: bucket.id,
          targetBucket: args.accessLogs.targetBucket,
          targetPrefix: args.accessLogs.targetPrefix,
        },
        { parent: this },
      );
    }
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: bucket.id,
        rules: [
          {
            id: "noncurrent-versions",
            status: "Enabled",
            filter: {},
            // Old versions are kept at least as long as object lock retains them.
            noncurrentVersionExpiration: {
              noncurrentDays: Math.max(args.noncurrentVersionDays, args.objectLock?.days ?? 0),
            },
            abortIncompleteMultipartUpload: {
              daysAfterInitiation: ABORT_INCOMPLETE_MULTIPART_DAYS,
            },
          },
          {
            id: "expired-delete-markers",
            status: "Enabled",
            filter: {},
            expiration: { expiredObjectDeleteMarker: true },
          },
          ...(args.expireCurrentAfterDays !== undefined
            ? [
                {
                  id: "expire-logs",
                  status: "Enabled",
                  filter: {},
                  expiration: { days: args.expireCurrentAfterDays },
                },
              ]
            : []),
        ],
      },
      { parent: this, dependsOn: [versioning] },
    );
    if (args.corsOrigins.length > 0) {
      new aws.s3.BucketCorsConfiguration(
        `${name}-cors`,
        {
          bucket: bucket.id,
          corsRules: [
            {
              allowedOrigins: [...args.corsOrigins],
              allowedMethods: [...CORS_RULE.allowedMethods],
              allowedHeaders: [...CORS_RULE.allowedHeaders],
              exposeHeaders: [...CORS_RULE.exposeHeaders],
              maxAgeSeconds: CORS_RULE.maxAgeSeconds,
            },
          ],
        },
        { parent: this },
      );
    }
    if (args.objectLock !== undefined) {
      new aws.s3.BucketObjectLockConfiguration(
        `${name}-object-lock`,
        {
          bucket: bucket.id,
          objectLockEnabled: "Enabled",
          rule: { defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.days } },
        },
        { parent: this, dependsOn: [versioning] },
      );
    }

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}
