/**
 * S3 buckets and their side resources. In @pulumi/aws v7 a bucket's encryption, versioning,
 * logging, policy, ACL, ownership and public access block are separate resources that name the
 * bucket in their `bucket` property; the older inline arguments are deprecated but still honoured.
 * A side resource, when present, wins over the inline argument (the bucket's own outputs show the
 * state read before the side resource applied).
 */
import type { PolicyResource } from "@pulumi/policy";
import { arr, bool, get, rec, str } from "../props";
import { joinReferences, ofTypes, tryRead, UNKNOWN, type Join } from "../stack";

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

/** What writes log files into a bucket. */
export type LogWriter = "s3-access-logs" | "load-balancer" | "flow-logs" | "cloudtrail";

const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

/** Writers of log files into buckets, and the property naming the bucket (dotted when nested). */
const LOG_WRITERS: readonly {
  readonly kind: LogWriter;
  readonly types: readonly string[];
  readonly prop: string;
}[] = [
  { kind: "s3-access-logs", types: S3_SIDE.logging, prop: "targetBucket" },
  { kind: "load-balancer", types: LOAD_BALANCERS, prop: "accessLogs.bucket" },
  { kind: "load-balancer", types: LOAD_BALANCERS, prop: "connectionLogs.bucket" },
  { kind: "flow-logs", types: ["aws:ec2/flowLog:FlowLog"], prop: "logDestination" },
  { kind: "cloudtrail", types: ["aws:cloudtrail/trail:Trail"], prop: "s3BucketName" },
];

export interface LogBuckets {
  /** URNs of the buckets something writes logs into (access logs, ALB/NLB logs, flow logs, trails). */
  readonly urns: Set<string>;
  /** What writes into each of those buckets, by URN. */
  readonly writers: ReadonlyMap<string, ReadonlySet<LogWriter>>;
  /** True when a writer's target is unknown (a preview): any bucket could be a log bucket. */
  readonly uncertain: boolean;
}

/**
 * The log buckets of a stack, recognised by what writes to them: a BucketLogging targetBucket,
 * a bucket's inline logging, a load balancer's accessLogs/connectionLogs, a flow log's S3
 * destination, a CloudTrail trail.
 */
export function logBuckets(resources: readonly PolicyResource[]): LogBuckets {
  const all = buckets(resources);
  const writers = new Map<string, Set<LogWriter>>();
  const add = (urn: string, kind: LogWriter) =>
    writers.set(urn, (writers.get(urn) ?? new Set<LogWriter>()).add(kind));
  let uncertain = false;
  const byName = new Map<string, PolicyResource[]>();
  for (const b of all) {
    for (const key of ["bucket", "id", "arn"]) {
      const v = tryRead(() => b.props[key]);
      if (typeof v === "string" && v !== "") {
        const n = bucketName(v);
        byName.set(n, [...(byName.get(n) ?? []), b]);
      }
    }
  }
  const byUrn = new Map(all.map((b) => [b.urn, b]));
  for (const writer of LOG_WRITERS) {
    const [top] = writer.prop.split(".");
    for (const w of ofTypes(resources, writer.types)) {
      const deps = (w.propertyDependencies ?? {})[top!] ?? [];
      const viaDeps = deps.filter((d) => byUrn.has(d.urn));
      if (viaDeps.length > 0) {
        viaDeps.forEach((d) => add(d.urn, writer.kind));
        continue;
      }
      const value = tryRead(() => get(w.props, writer.prop));
      if (value === UNKNOWN) {
        uncertain = true;
        continue;
      }
      const name = str(value);
      if (name !== undefined && name !== "") {
        // A flow log's destination may carry a folder: arn:aws:s3:::bucket/prefix.
        const bare = bucketName(name).split("/")[0]!;
        (byName.get(bare) ?? []).forEach((b) => add(b.urn, writer.kind));
      }
    }
  }
  const inline = new Set(
    all.flatMap((b) => {
      const targets = tryRead(() => inlineLogTargets(b));
      return targets === UNKNOWN ? [] : targets;
    }),
  );
  inline.forEach((n) => (byName.get(n) ?? []).forEach((b) => add(b.urn, "s3-access-logs")));
  return { urns: new Set(writers.keys()), writers, uncertain };
}

/**
 * True when only load balancers write into the bucket (ALB/NLB access or connection logs):
 * an Application Load Balancer delivers its logs only into buckets encrypted with SSE-S3.
 */
export function receivesOnlyLoadBalancerLogs(logs: LogBuckets, bucket: PolicyResource): boolean {
  const kinds = logs.writers.get(bucket.urn);
  return kinds !== undefined && kinds.size === 1 && kinds.has("load-balancer");
}
