import { stackPolicy } from "../../lib/define";
import { forEachKnown } from "../../lib/stack";
import {
  BUCKET_TYPES,
  S3_SIDE,
  inlineSseRules,
  logBuckets,
  receivesOnlyLoadBalancerLogs,
  sideResources,
  sideSseRules,
  type SseRule,
} from "../../lib/aws/s3";
import { customerKeyProblem } from "../../lib/aws/common";

interface Config {
  readonly requireCustomerManagedKey: boolean;
  readonly requireBucketKey: boolean;
}

const KMS = ["aws:kms", "aws:kms:dsse"];

function problems(rule: SseRule, config: Config, sseS3Allowed: boolean): string[] {
  if (sseS3Allowed && rule.algorithm === "AES256") {
    return [];
  }
  if (!rule.algorithm || !KMS.includes(rule.algorithm)) {
    return [`sseAlgorithm is ${rule.algorithm ? `"${rule.algorithm}"` : "not set"}, not aws:kms`];
  }
  const out: string[] = [];
  const keyProblem =
    config.requireCustomerManagedKey !== false
      ? customerKeyProblem(rule.kmsKeyId, "kmsMasterKeyId")
      : undefined;
  if (keyProblem) {
    out.push(keyProblem);
  }
  // S3 Bucket Keys are not available with dual-layer (aws:kms:dsse) encryption.
  if (
    config.requireBucketKey !== false &&
    rule.algorithm === "aws:kms" &&
    rule.bucketKey !== true
  ) {
    out.push("bucketKeyEnabled is not true");
  }
  return out;
}

export default stackPolicy<Config>({
  name: "aws-s3-bucket-enable-kms-encryption",
  description:
    "Every S3 bucket must encrypt objects by default with SSE-KMS under a customer-managed key, with an S3 Bucket Key. A bucket that only receives load balancer (ALB/NLB) access or connection logs may use SSE-S3: Application Load Balancers deliver their logs only into SSE-S3 buckets. The stack then controls who can decrypt through the key policy, can revoke a tenant by disabling its key, and keeps KMS request costs down.",
  severity: "high",
  remediation:
    'Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with rules[0].applyServerSideEncryptionByDefault = { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } and bucketKeyEnabled: true.',
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12", "SC-13"] },
  concern: "encryption",
  resourceTypes: BUCKET_TYPES,
  configSchema: {
    properties: {
      requireCustomerManagedKey: {
        type: "boolean",
        default: true,
        description: "Require kmsMasterKeyId to name a customer-managed key (not aws/s3).",
      },
      requireBucketKey: {
        type: "boolean",
        default: true,
        description: "Require bucketKeyEnabled for SSE-KMS buckets.",
      },
    },
  },
  check(resources, report, config) {
    const logs = logBuckets(resources);
    forEachKnown([...sideResources(resources, S3_SIDE.encryption)], ([bucket, join]) => {
      // An ALB writes its logs only into SSE-S3 buckets, so a load-balancer-only log bucket may use it.
      const sseS3Allowed = receivesOnlyLoadBalancerLogs(logs, bucket);
      if (join.related.length > 0) {
        for (const side of join.related) {
          const rules = sideSseRules(side.props);
          const found =
            rules.length === 0
              ? ["no rule is set"]
              : rules.flatMap((r) => problems(r, config, sseS3Allowed));
          if (found.length > 0) {
            report(
              `Encryption configuration "${side.name}" for bucket "${bucket.name}": ${found.join("; ")}.`,
              side.urn,
            );
          }
        }
        return;
      }
      const inline = inlineSseRules(bucket);
      if (inline.length === 0) {
        if (!join.uncertain && !sseS3Allowed) {
          report(
            `Bucket "${bucket.name}" has no server-side encryption configuration, so only SSE-S3 applies. Add a BucketServerSideEncryptionConfiguration with aws:kms and a customer-managed key.`,
            bucket.urn,
          );
        }
        return;
      }
      const found = inline.flatMap((r) => problems(r, config, sseS3Allowed));
      if (found.length > 0) {
        report(
          `Bucket "${bucket.name}" inline serverSideEncryptionConfiguration: ${found.join("; ")}.`,
          bucket.urn,
        );
      }
    });
  },
});
