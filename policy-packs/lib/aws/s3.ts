/**
 * S3 buckets and their side resources. In @pulumi/aws v7 a bucket's encryption, versioning,
 * logging, policy, ACL, ownership and public access block are separate resources that name the
 * bucket in their `bucket` property; the older inline arguments are deprecated but still honoured.
 * A side resource, when present, wins over the inline argument (the bucket's own outputs show the
 * state read before the side resource applied).
 */
import type { PolicyResource } from "@pulumi/policy";
import { arr, bool, get, rec, str } from "../props";
import { joinReferences, ofTypes, type Join } from "../stack";

export const BUCKET = "aws:s3/bucket:Bucket";
export const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const BUCKET_TYPES = [BUCKET, BUCKET_V2] as const;

export const S3_SIDE = {
  publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
  encryption: [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  ],
  versioning: [
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketVersioningV2:BucketVersioningV2",
  ],
  logging: ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
  ownership: ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"],
  policy: ["aws:s3/bucketPolicy:BucketPolicy"],
  acl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
} as const;

export const ACCOUNT_PUBLIC_ACCESS_BLOCK =
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";

/** `arn:aws:s3:::name` and `name` compare equal. */
export function bucketName(value: string): string {
  return value.replace(/^arn:aws[a-z-]*:s3:::/, "");
}

export function buckets(resources: readonly PolicyResource[]): PolicyResource[] {
  return ofTypes(resources, BUCKET_TYPES);
}

/** Each bucket with the side resources of the given types that reference it. */
export function sideResources(
  resources: readonly PolicyResource[],
  types: readonly string[],
  sourceProp = "bucket",
): Map<PolicyResource, Join> {
  return joinReferences(buckets(resources), ofTypes(resources, types), {
    sourceProp,
    targetKeys: ["bucket", "id", "arn"],
    normalize: bucketName,
  });
}

/** How a bucket's objects are encrypted by default, from either source. */
export interface SseRule {
  readonly algorithm?: string;
  readonly kmsKeyId?: string;
  readonly bucketKey?: boolean;
}

/** Rules of a BucketServerSideEncryptionConfiguration(V2) resource. */
export function sideSseRules(props: unknown): SseRule[] {
  return arr(get(props, "rules")).map((rule) => ({
    algorithm: str(get(rule, "applyServerSideEncryptionByDefault.sseAlgorithm")),
    kmsKeyId: str(get(rule, "applyServerSideEncryptionByDefault.kmsMasterKeyId")),
    bucketKey: bool(get(rule, "bucketKeyEnabled")),
  }));
}

/** Inline (deprecated) encryption rules of a Bucket (one rule) or a BucketV2 (lists). */
export function inlineSseRules(bucket: PolicyResource): SseRule[] {
  const props = bucket.props;
  if (bucket.type === BUCKET) {
    const rule = get(props, "serverSideEncryptionConfiguration.rule");
    if (rule === undefined) {
      return [];
    }
    return [
      {
        algorithm: str(get(rule, "applyServerSideEncryptionByDefault.sseAlgorithm")),
        kmsKeyId: str(get(rule, "applyServerSideEncryptionByDefault.kmsMasterKeyId")),
        bucketKey: bool(get(rule, "bucketKeyEnabled")),
      },
    ];
  }
  return arr(props.serverSideEncryptionConfigurations).flatMap((c) =>
    arr(get(c, "rules")).flatMap((rule) => {
      const defaults = arr(get(rule, "applyServerSideEncryptionByDefaults"));
      return (defaults.length > 0 ? defaults : [undefined]).map((d) => ({
        algorithm: str(get(d, "sseAlgorithm")),
        kmsKeyId: str(get(d, "kmsMasterKeyId")),
        bucketKey: bool(get(rule, "bucketKeyEnabled")),
      }));
    }),
  );
}

/** Inline (deprecated) versioning: `versioning.enabled` (Bucket) or `versionings[].enabled` (BucketV2). */
export function inlineVersioningEnabled(bucket: PolicyResource): boolean {
  if (bucket.type === BUCKET) {
    return bool(get(bucket.props, "versioning.enabled")) === true;
  }
  const blocks = arr(bucket.props.versionings);
  return blocks.length > 0 && blocks.every((v) => bool(get(v, "enabled")) === true);
}

/** Inline (deprecated) access-log targets: `logging` (Bucket) or `loggings[]` (BucketV2). */
export function inlineLogTargets(bucket: PolicyResource): string[] {
  const blocks = bucket.type === BUCKET ? [bucket.props.logging] : arr(bucket.props.loggings);
  return blocks
    .map((b) => str(rec(b).targetBucket))
    .filter((t): t is string => t !== undefined && t !== "")
    .map(bucketName);
}

/** Canned ACLs that open a bucket beyond its owner. */
export const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];

/** Grantee group URIs that mean everyone, or every AWS account. */
export const PUBLIC_GRANTEE_URIS = [
  "http://acs.amazonaws.com/groups/global/AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];
