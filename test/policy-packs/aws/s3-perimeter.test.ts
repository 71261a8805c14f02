import { describe, expect, it } from "vitest";
import perimeter from "../../../policy-packs/policies/aws/aws-s3-bucket-enforce-principal-perimeter";
import { urnOf, type StackResourceInput } from "../../helpers/policy";
import { KEY_ARN, UNKNOWN_STRING, stackViolationsOf } from "../../helpers/aws-policies";

const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const DATA = "tenant-a-data";
const ARN = `arn:aws:s3:::${DATA}`;
const WORKLOADS = "arn:aws:iam::111122223333:role/enclave/a/prod/tenant-storage/*";
const BREAK_GLASS = "arn:aws:iam::111122223333:role/enclave-a-prod-break-glass-1";

const tls = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [ARN, `${ARN}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const fence = {
  Sid: "DenyPrincipalsOutsidePerimeter",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [ARN, `${ARN}/*`],
  Condition: { ArnNotLike: { "aws:PrincipalArn": [WORKLOADS, BREAK_GLASS] } },
};

const doc = (...statements: object[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** A data bucket with a perimeter, and a log bucket (the data bucket's access-log target) without. */
function stack(dataPolicy: unknown = doc(tls, fence)): StackResourceInput[] {
  return [
    { type: BUCKET, name: "data", props: { bucket: DATA, arn: ARN } },
    { type: POLICY, name: "data-policy", props: { bucket: DATA, policy: dataPolicy } },
    {
      type: BUCKET,
      name: "logs",
      props: { bucket: "tenant-a-logs", arn: "arn:aws:s3:::tenant-a-logs" },
    },
    { type: POLICY, name: "logs-policy", props: { bucket: "tenant-a-logs", policy: doc(tls) } },
    {
      type: LOGGING,
      name: "data-logging",
      props: { bucket: DATA, targetBucket: "tenant-a-logs", targetPrefix: "s3/" },
    },
  ];
}
const at = urnOf(BUCKET, "data");
const NO_PERIMETER =
  'Bucket "data" holds data but its policy has no principal perimeter. Add a Deny of s3:* to Principal "*" with ArnNotLike aws:PrincipalArn naming the roles that use it.';

describe("aws-s3-bucket-enforce-principal-perimeter", () => {
  it("passes a data bucket fenced to named roles, and leaves the log bucket alone", () => {
    expect(stackViolationsOf(perimeter, stack())).toEqual([]);
  });

  it("fires on the kit's pre-fix tenant bucket policy (TLS, TLS version, own key only)", () => {
    // components/aws/storage/policy.ts before the perimeter (commit 830d4c9), verbatim in shape.
    const preFix = doc(
      tls,
      {
        Sid: "DenyOutdatedTls",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [ARN, `${ARN}/*`],
        Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
      },
      {
        Sid: "DenyOtherEncryption",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${ARN}/*`,
        Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } },
      },
      {
        Sid: "DenyOtherKmsKey",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${ARN}/*`,
        Condition: {
          StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY_ARN },
        },
      },
    );
    expect(stackViolationsOf(perimeter, stack(preFix))).toEqual([
      { message: NO_PERIMETER, urn: at },
    ]);
  });

  it("flags a data bucket without any bucket policy", () => {
    const s = stack().filter((r) => r.name !== "data-policy");
    expect(stackViolationsOf(perimeter, s)).toEqual([{ message: NO_PERIMETER, urn: at }]);
  });

  it("flags an Allow where the Deny should be", () => {
    expect(stackViolationsOf(perimeter, stack(doc(tls, { ...fence, Effect: "Allow" })))).toEqual([
      { message: NO_PERIMETER, urn: at },
    ]);
  });

  it("flags a perimeter that does not cover reads", () => {
    expect(
      stackViolationsOf(perimeter, stack(doc(tls, { ...fence, Action: "s3:PutObject" }))),
    ).toEqual([{ message: NO_PERIMETER, urn: at }]);
  });

  it("flags a perimeter that covers only the bucket, not its objects", () => {
    expect(stackViolationsOf(perimeter, stack(doc(tls, { ...fence, Resource: ARN })))).toEqual([
      { message: NO_PERIMETER, urn: at },
    ]);
  });

  it("flags a Deny that applies only under another condition", () => {
    const conditional = {
      ...fence,
      Condition: { ...fence.Condition, IpAddress: { "aws:SourceIp": "192.0.2.0/24" } },
    };
    expect(stackViolationsOf(perimeter, stack(doc(tls, conditional)))).toEqual([
      { message: NO_PERIMETER, urn: at },
    ]);
  });

  it("flags an exemption of a whole account", () => {
    const wide = {
      ...fence,
      Condition: { ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::111122223333:role/*"] } },
    };
    expect(stackViolationsOf(perimeter, stack(doc(tls, wide)))).toEqual([
      {
        message:
          'Bucket "data" perimeter statement "DenyPrincipalsOutsidePerimeter" exempts arn:aws:iam::111122223333:role/*, which admits every principal of an account. Name the roles instead.',
        urn: at,
      },
    ]);
  });

  it("flags exemptions outside allowedPrincipalPatterns, when given", () => {
    const config = { allowedPrincipalPatterns: ["arn:aws:iam::111122223333:role/enclave/*"] };
    expect(stackViolationsOf(perimeter, stack(), config)).toEqual([
      {
        message: `Bucket "data" perimeter statement "DenyPrincipalsOutsidePerimeter" exempts ${BREAK_GLASS}, outside allowedPrincipalPatterns (arn:aws:iam::111122223333:role/enclave/*). Remove them or widen the parameter.`,
        urn: at,
      },
    ]);
    expect(
      stackViolationsOf(perimeter, stack(), {
        allowedPrincipalPatterns: ["arn:aws:iam::111122223333:role/enclave*"],
      }),
    ).toEqual([]);
  });

  it("accepts the equivalent Deny with NotPrincipal, and aws:userid", () => {
    const notPrincipal = {
      Sid: "Fence",
      Effect: "Deny",
      NotPrincipal: { AWS: [BREAK_GLASS] },
      Action: "s3:*",
      Resource: `${ARN}/*`,
    };
    expect(stackViolationsOf(perimeter, stack(doc(notPrincipal)))).toEqual([]);
    const userId = { ...fence, Condition: { StringNotLike: { "aws:userid": ["AROAEXAMPLE:*"] } } };
    expect(stackViolationsOf(perimeter, stack(doc(userId)))).toEqual([]);
  });

  it("recognises load balancer, flow log and trail buckets as log buckets", () => {
    const base = stack().filter((r) => r.name !== "data-logging");
    const bare = (name: string): StackResourceInput[] => [
      { type: BUCKET, name, props: { bucket: name, arn: `arn:aws:s3:::${name}` } },
    ];
    const writers: StackResourceInput[] = [
      ...bare("alb-logs"),
      {
        type: "aws:lb/loadBalancer:LoadBalancer",
        name: "alb",
        props: { accessLogs: { bucket: "alb-logs", enabled: true } },
      },
      ...bare("flow-logs"),
      {
        type: "aws:ec2/flowLog:FlowLog",
        name: "fl",
        props: { logDestinationType: "s3", logDestination: "arn:aws:s3:::flow-logs/vpc/" },
      },
      ...bare("trail-logs"),
      { type: "aws:cloudtrail/trail:Trail", name: "trail", props: { s3BucketName: "trail-logs" } },
    ];
    // Without the access-log join, the old log bucket holds "data" and is flagged; the others not.
    expect(stackViolationsOf(perimeter, [...base, ...writers]).map((v) => v.urn)).toEqual([
      urnOf(BUCKET, "logs"),
    ]);
  });

  it("stays silent while a policy, a bucket reference or a log writer is unknown", () => {
    expect(stackViolationsOf(perimeter, stack(UNKNOWN_STRING))).toEqual([]);
    const floating = stack(doc(tls)).map((r) =>
      r.name === "data-policy" ? { ...r, props: { ...r.props, bucket: UNKNOWN_STRING } } : r,
    );
    expect(stackViolationsOf(perimeter, floating)).toEqual([]);
    const writer = stack(doc(tls)).map((r) =>
      r.name === "data-logging" ? { ...r, props: { ...r.props, targetBucket: UNKNOWN_STRING } } : r,
    );
    expect(stackViolationsOf(perimeter, writer)).toEqual([]);
  });
});
