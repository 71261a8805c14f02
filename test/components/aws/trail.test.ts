import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, REGION, named, runProgram, setAwsMocks } from "../../helpers/aws-target-mocks";

type TrailModule = typeof import("../../../components/aws/trail");
type Args = import("../../../components/aws/trail").TrailArgs;
let trail: TrailModule;

const LOGS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-1111-1111-1111-111111111111`;
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/enclave-acme-prod`;
const DATA = `arn:aws:s3:::enclave-acme-prod-data-${ACCOUNT}`;
const BUCKET = `enclave-acme-prod-trail-${ACCOUNT}`;
const tags = { "enclave:tenant": "acme", "enclave:environment": "prod", "managed-by": "pulumi" };
const args = (over: Partial<Args> = {}): Args => ({
  trailName: "enclave-acme-prod",
  trailArn: TRAIL_ARN,
  bucketName: BUCKET,
  partition: "aws",
  accountId: ACCOUNT,
  kmsKeyArn: LOGS_KEY,
  dataBucketArns: [DATA],
  lock: { mode: "COMPLIANCE", days: 365 },
  accessLogs: { targetBucket: "access-logs", targetPrefix: `s3/${BUCKET}/` },
  noncurrentVersionDays: 90,
  tags,
  ...over,
});
const TRAIL = "aws:cloudtrail/trail:Trail";

beforeAll(async () => {
  await setAwsMocks();
  trail = await import("../../../components/aws/trail");
});

describe("Trail", () => {
  it("records management events and the tenant bucket's object reads and writes, validated, under the logs key", async () => {
    const { resources } = await runProgram(() => new trail.Trail("t", args()));
    const t = named(resources, TRAIL, "t-trail");
    expect(t.inputs).toMatchObject({
      name: "enclave-acme-prod",
      s3BucketName: BUCKET,
      kmsKeyId: LOGS_KEY,
      enableLogFileValidation: true,
      enableLogging: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
    });
    expect(t.inputs.advancedEventSelectors).toEqual([
      {
        name: "Management events, KMS included",
        fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }],
      },
      {
        name: "S3 object reads and writes of the tenant bucket",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::S3::Object"] },
          { field: "resources.ARN", startsWiths: [`${DATA}/`] },
        ],
      },
    ]);
    expect(t.protect).toBe(true);
  });

  it("delivers into a locked, versioned, private bucket that admits CloudTrail for this trail only", async () => {
    const { resources } = await runProgram(() => new trail.Trail("t", args()));
    const lock = named(
      resources,
      "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
      "t-logs-object-lock",
    );
    expect(lock.inputs.rule).toEqual({ defaultRetention: { mode: "COMPLIANCE", days: 365 } });
    const bucket = named(resources, "aws:s3/bucket:Bucket", "t-logs-bucket");
    expect(bucket.inputs.objectLockEnabled).toBe(true);
    expect(bucket.protect).toBe(true);
    const policy = JSON.parse(
      named(resources, "aws:s3/bucketPolicy:BucketPolicy", "t-logs-policy").inputs.policy as string,
    ) as { Statement: { Sid: string; Principal?: unknown; Condition?: unknown }[] };
    const sids = policy.Statement.map((st) => st.Sid);
    expect(sids).toEqual(expect.arrayContaining(["DenyInsecureTransport", "DenyOtherKmsKey"]));
    const cloudTrail = policy.Statement.filter((st) => st.Sid.startsWith("AllowCloudTrail"));
    expect(cloudTrail.map((st) => st.Sid)).toEqual([
      "AllowCloudTrailAclCheck",
      "AllowCloudTrailWrite",
    ]);
    for (const st of cloudTrail) {
      expect(st.Principal).toEqual({ Service: "cloudtrail.amazonaws.com" });
      expect(st.Condition).toMatchObject({ StringEquals: { "aws:SourceArn": TRAIL_ARN } });
    }
    expect(cloudTrail[1]!.Condition).toMatchObject({
      StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" },
    });
  });

  it("refuses a bad name, a retention below a day, and no data bucket, with the fix", () => {
    expect(
      trail.validateTrailArgs(
        "t",
        args({ trailName: "x", lock: { mode: "GOVERNANCE", days: 0 }, dataBucketArns: [] }),
      ),
    ).toEqual([
      `Trail t: trailName "x" is not a CloudTrail trail name. Fix: use 3 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit`,
      "Trail t: lock.days 0 is not a whole number of days >= 1. Fix: use e.g. 365",
      "Trail t: dataBucketArns is empty, so no object read or write would be recorded. Fix: name the tenant bucket",
    ]);
  });
});
