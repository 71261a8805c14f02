import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { BucketRetention } from "../settings";
import { withPurpose } from "../shared/labels";
import { throwIfProblems } from "../shared/problems";
import type { TenantStorageArgs } from "./args";
import { BUCKET_DEFAULTS, CORS, LOG_WRITER, SECONDS_PER_DAY } from "./defaults";
import { validateTenantStorageArgs } from "./validate";

/** Fields every enclave bucket shares: private, one access model, CMEK, never force-destroyed. */
function common(args: TenantStorageArgs, keyId: pulumi.Input<string>, purpose: string) {
  return {
    project: args.project,
    location: args.location.toUpperCase(),
    storageClass: BUCKET_DEFAULTS.storageClass,
    uniformBucketLevelAccess: BUCKET_DEFAULTS.uniformBucketLevelAccess,
    publicAccessPrevention: BUCKET_DEFAULTS.publicAccessPrevention,
    forceDestroy: BUCKET_DEFAULTS.forceDestroy,
    deletionPolicy: BUCKET_DEFAULTS.deletionPolicy,
    encryption: { defaultKmsKeyName: keyId },
    softDeletePolicy: { retentionDurationSeconds: BUCKET_DEFAULTS.softDeleteSeconds },
    labels: { ...withPurpose(args.labels, purpose) },
  };
}

const retentionPolicy = (r: BucketRetention) => ({
  retentionPeriod: String(r.days * SECONDS_PER_DAY),
  isLocked: r.locked,
});

const abortIncompleteUploads = {
  action: { type: "AbortIncompleteMultipartUpload" },
  condition: { age: BUCKET_DEFAULTS.abortIncompleteUploadDays },
};

/**
 * The tenant's Cloud Storage: a data bucket and an access-log bucket, both with uniform
 * bucket-level access, public access prevention enforced, a default Cloud KMS key (data: the
 * `storage` key; logs: the `logs` key), soft delete, `forceDestroy: false`, deletion refused by
 * the provider and by Pulumi (`protect`). The data bucket logs its usage into the log bucket and
 * admits CORS reads from the app's origin only. With a retention policy (locked in prod) objects
 * cannot be deleted or replaced before they reach its age; Cloud Storage refuses versioning
 * alongside it. Without one the bucket keeps noncurrent versions for the configured days. The
 * log bucket keeps every log for `logRetention` days under its own retention policy, then deletes
 * it; only Cloud Storage's log writer may create objects in it.
 */
export class TenantStorage extends pulumi.ComponentResource {
  public readonly dataBucketName: pulumi.Output<string>;
  public readonly dataBucketUrl: pulumi.Output<string>;
  public readonly logBucketName: pulumi.Output<string>;

  constructor(name: string, args: TenantStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:gcp:TenantStorage", name, {}, opts);
    throwIfProblems("TenantStorage", name, validateTenantStorageArgs(args), this);

    const logs = new gcp.storage.Bucket(
      `${name}-access-logs`,
      {
        ...common(args, args.logsKeyId, "access-logs"),
        name: args.logBucketName,
        versioning: { enabled: false },
        retentionPolicy: retentionPolicy(args.logRetention),
        lifecycleRules: [
          { action: { type: "Delete" }, condition: { age: args.logRetention.days } },
          abortIncompleteUploads,
        ],
      },
      { parent: this, protect: true },
    );
    new gcp.storage.BucketIAMMember(
      `${name}-access-logs-writer`,
      { bucket: logs.name, role: LOG_WRITER.role, member: LOG_WRITER.member },
      { parent: this },
    );

    const retention = args.retention;
    const data = new gcp.storage.Bucket(
      `${name}-data`,
      {
        ...common(args, args.dataKeyId, "storage"),
        name: args.dataBucketName,
        logging: { logBucket: logs.name, logObjectPrefix: `${args.dataBucketName}/` },
        cors: [
          {
            origins: [args.appOrigin],
            methods: [...CORS.methods],
            responseHeaders: [...CORS.responseHeaders],
            maxAgeSeconds: CORS.maxAgeSeconds,
          },
        ],
        ...(retention !== undefined
          ? {
              versioning: { enabled: false },
              retentionPolicy: retentionPolicy(retention),
              lifecycleRules: [abortIncompleteUploads],
            }
          : {
              versioning: { enabled: true },
              lifecycleRules: [
                {
                  action: { type: "Delete" },
                  condition: {
                    daysSinceNoncurrentTime: args.noncurrentVersionRetentionDays,
                    withState: "ARCHIVED",
                  },
                },
                abortIncompleteUploads,
              ],
            }),
      },
      { parent: this, protect: true },
    );

    this.dataBucketName = data.name;
    this.dataBucketUrl = data.url;
    this.logBucketName = logs.name;
    this.registerOutputs({
      dataBucketName: this.dataBucketName,
      dataBucketUrl: this.dataBucketUrl,
      logBucketName: this.logBucketName,
    });
  }
}
