/**
 * A bucket that only receives load balancer logs may use SSE-S3: an Application Load Balancer
 * delivers access and connection logs only into SSE-S3 buckets. The bucket is recognised from the
 * load balancer's `accessLogs.bucket` (or `connectionLogs.bucket`) join; any other bucket, or a log
 * bucket that other writers also use, still needs SSE-KMS.
 */
import { describe, expect, it } from "vitest";
import kmsEncryption from "../../../policy-packs/policies/aws/aws-s3-bucket-enable-kms-encryption";
import type { StackResourceInput } from "../../helpers/policy";
import { urnOf } from "../../helpers/policy";
import { stackViolationsOf } from "../../helpers/aws-policies";

const BUCKET = "aws:s3/bucket:Bucket";
const SSE =
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";

/** An ALB writing access logs into an SSE-S3 bucket, joined through propertyDependencies. */
function lbLogStack(): StackResourceInput[] {
  return [
    { type: BUCKET, name: "alb-logs", props: { bucket: "tenant-a-alb-logs" } },
    {
      type: SSE,
      name: "alb-logs-sse",
      props: {
        bucket: "computed",
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      },
      propertyDependencies: { bucket: ["alb-logs"] },
    },
    {
      type: LB,
      name: "alb",
      props: {
        loadBalancerType: "application",
        accessLogs: { bucket: "computed", enabled: true, prefix: "alb" },
      },
      propertyDependencies: { accessLogs: ["alb-logs"] },
    },
  ];
}

const without = (stack: StackResourceInput[], name: string) => stack.filter((r) => r.name !== name);

describe("aws-s3-bucket-enable-kms-encryption on a load balancer log bucket", () => {
  it("stays silent on SSE-S3 for a bucket only a load balancer writes into", () => {
    expect(stackViolationsOf(kmsEncryption, lbLogStack())).toEqual([]);
  });

  it("stays silent when the join is by name, through connection logs, or with no SSE resource", () => {
    const byName = lbLogStack().map((r) =>
      r.type === LB
        ? {
            ...r,
            props: { connectionLogs: { bucket: "tenant-a-alb-logs" } },
            propertyDependencies: {},
          }
        : r,
    );
    expect(stackViolationsOf(kmsEncryption, byName)).toEqual([]);
    expect(stackViolationsOf(kmsEncryption, without(lbLogStack(), "alb-logs-sse"))).toEqual([]);
  });

  it("flags the same bucket once no load balancer writes into it", () => {
    expect(stackViolationsOf(kmsEncryption, without(lbLogStack(), "alb"))).toEqual([
      {
        message:
          'Encryption configuration "alb-logs-sse" for bucket "alb-logs": sseAlgorithm is "AES256", not aws:kms.',
        urn: urnOf(SSE, "alb-logs-sse"),
      },
    ]);
  });

  it("flags it when S3 access logs are written there too (not only load balancer logs)", () => {
    const shared: StackResourceInput[] = [
      ...lbLogStack(),
      { type: BUCKET, name: "data", props: { bucket: "tenant-a-data" } },
      {
        type: LOGGING,
        name: "data-logging",
        props: { bucket: "tenant-a-data", targetBucket: "tenant-a-alb-logs" },
      },
    ];
    const found = stackViolationsOf(kmsEncryption, shared).map((v) => v.message);
    expect(found).toContain(
      'Encryption configuration "alb-logs-sse" for bucket "alb-logs": sseAlgorithm is "AES256", not aws:kms.',
    );
  });

  it("still judges a KMS rule on a load balancer log bucket (the AWS-managed key is flagged)", () => {
    const stack = lbLogStack().map((r) =>
      r.name === "alb-logs-sse"
        ? {
            ...r,
            props: {
              ...r.props,
              rules: [
                {
                  applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" },
                  bucketKeyEnabled: true,
                },
              ],
            },
          }
        : r,
    );
    expect(stackViolationsOf(kmsEncryption, stack).map((v) => v.message)).toEqual([
      'Encryption configuration "alb-logs-sse" for bucket "alb-logs": kmsMasterKeyId is not set, so the AWS-managed key is used.',
    ]);
  });
});
