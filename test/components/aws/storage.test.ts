import { beforeAll, describe, expect, it } from "vitest";
import {
  type Loose,
  ACCOUNT,
  REGION,
  named,
  ofType,
  runProgram,
  setAwsMocks,
  statement,
} from "../../helpers/aws-target-mocks";

type Storage = typeof import("../../../components/aws/storage");
let storage: Storage;

const tags = {
  "enclave:tenant": "acme",
  "enclave:environment": "prod",
  "enclave:stack": "t",
  "managed-by": "pulumi",
};
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/44444444-4444-4444-4444-444444444444`;
const DATA = "enclave-acme-prod-data-111122223333";
const LOGS = "enclave-acme-prod-access-logs-111122223333";

type Args = import("../../../components/aws/storage").SecureBucketArgs;
const WORKLOADS = `arn:aws:iam::${ACCOUNT}:role/enclave/acme/prod/tenant-storage/*`;
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/enclave-acme-prod-break-glass-1`;
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/deployer`;
const PERIMETER = {
  principals: [WORKLOADS, BREAK_GLASS, DEPLOYER],
  guardians: [BREAK_GLASS, DEPLOYER],
  sourceCidrs: ["203.0.113.0/24"],
  sourceVpceIds: ["vpce-0123456789abcdef0"],
};
const dataArgs = (over: Partial<Args> = {}): Args => ({
  bucketName: DATA,
  purpose: "tenant-data",
  partition: "aws",
  accountId: ACCOUNT,
  kmsKeyArn: KEY,
  accessLogs: { targetBucket: LOGS, targetPrefix: `s3/${DATA}/` },
  corsOrigins: ["https://annotate.acme.example.com"],
  objectOwnership: "BucketOwnerEnforced",
  noncurrentVersionDays: 90,
  perimeter: PERIMETER,
  tags,
  ...over,
});

beforeAll(async () => {
  await setAwsMocks();
  storage = await import("../../../components/aws/storage");
});

describe("SecureBucket (tenant data)", () => {
  it("blocks public access on all four switches, disables ACLs and is protected", async () => {
    const { resources } = await runProgram(() => new storage.SecureBucket("data", dataArgs()));
    const bucket = named(resources, "aws:s3/bucket:Bucket", "data-bucket");
    expect(bucket.inputs).toMatchObject({
      bucket: DATA,
      forceDestroy: false,
      objectLockEnabled: false,
    });
    expect(bucket.inputs.tags["enclave:purpose"]).toBe("tenant-data");
    expect(bucket.protect).toBe(true);
    expect(
      named(
        resources,
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "data-public-access-block",
      ).inputs,
    ).toEqual({
      bucket: DATA,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(
      named(resources, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "data-ownership")
        .inputs.rule,
    ).toEqual({
      objectOwnership: "BucketOwnerEnforced",
    });
  });

  it("encrypts with the storage key and bucket keys, and keeps versions", async () => {
    const { resources } = await runProgram(() => new storage.SecureBucket("data", dataArgs()));
    expect(
      named(
        resources,
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "data-encryption",
      ).inputs.rules,
    ).toEqual([
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY },
        bucketKeyEnabled: true,
      },
    ]);
    expect(
      named(resources, "aws:s3/bucketVersioning:BucketVersioning", "data-versioning").inputs
        .versioningConfiguration,
    ).toEqual({
      status: "Enabled",
    });
  });

  it("denies requests without TLS 1.2 and uploads with another encryption or key", async () => {
    const { resources } = await runProgram(() => new storage.SecureBucket("data", dataArgs()));
    const policy = named(resources, "aws:s3/bucketPolicy:BucketPolicy", "data-policy");
    expect(policy.dependsOn).toEqual(["data-public-access-block"]);
    const arn = `arn:aws:s3:::${DATA}`;
    expect(statement(policy.inputs.policy, "DenyInsecureTransport")).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(statement(policy.inputs.policy, "DenyOutdatedTls").Condition).toEqual({
      NumericLessThan: { "s3:TlsVersion": "1.2" },
    });
    expect(statement(policy.inputs.policy, "DenyOtherEncryption").Condition).toEqual({
      StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" },
    });
    expect(statement(policy.inputs.policy, "DenyOtherKmsKey")).toMatchObject({
      Effect: "Deny",
      Action: "s3:PutObject",
      Resource: `${arn}/*`,
      Condition: {
        StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY },
      },
    });
    expect(
      JSON.parse(policy.inputs.policy).Statement.filter((s: Loose) => s.Effect === "Allow"),
    ).toEqual([]);
  });

  it("logs access to the log bucket, expires old versions and allows CORS reads from the app only", async () => {
    const { resources } = await runProgram(() => new storage.SecureBucket("data", dataArgs()));
    expect(named(resources, "aws:s3/bucketLogging:BucketLogging", "data-logging").inputs).toEqual({
      bucket: DATA,
      targetBucket: LOGS,
      targetPrefix: `s3/${DATA}/`,
    });
    const rules = named(
      resources,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "data-lifecycle",
    ).inputs.rules;
    expect(rules).toEqual([
      {
        id: "noncurrent-versions",
        status: "Enabled",
        filter: {},
        noncurrentVersionExpiration: { noncurrentDays: 90 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
      {
        id: "expired-delete-markers",
        status: "Enabled",
        filter: {},
        expiration: { expiredObjectDeleteMarker: true },
      },
    ]);
    expect(
      named(resources, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "data-cors").inputs
        .corsRules,
    ).toEqual([
      {
        allowedOrigins: ["https://annotate.acme.example.com"],
        allowedMethods: ["GET", "HEAD"],
        allowedHeaders: ["Range", "Content-Type"],
        exposeHeaders: ["Accept-Ranges", "Content-Length", "Content-Range", "ETag"],
        maxAgeSeconds: 3600,
      },
    ]);
    expect(
      ofType(resources, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"),
    ).toHaveLength(0);
  });

  it("turns object lock on at creation when configured", async () => {
    const { resources } = await runProgram(
      () =>
        new storage.SecureBucket(
          "data",
          dataArgs({ objectLock: { mode: "COMPLIANCE", days: 30 } }),
        ),
    );
    expect(named(resources, "aws:s3/bucket:Bucket", "data-bucket").inputs.objectLockEnabled).toBe(
      true,
    );
    expect(
      named(
        resources,
        "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
        "data-object-lock",
      ).inputs,
    ).toEqual({
      bucket: DATA,
      objectLockEnabled: "Enabled",
      rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } },
    });
  });

  it("uses BucketOwnerPreferred only when that opt-out is passed", async () => {
    const { resources } = await runProgram(
      () => new storage.SecureBucket("data", dataArgs({ objectOwnership: "BucketOwnerPreferred" })),
    );
    expect(
      named(resources, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "data-ownership")
        .inputs.rule,
    ).toEqual({
      objectOwnership: "BucketOwnerPreferred",
    });
  });
});

describe("SecureBucket (access logs)", () => {
  it("accepts server access logs from the data bucket of this account only, and expires them", async () => {
    const { resources } = await runProgram(
      () =>
        new storage.SecureBucket("logs", {
          ...dataArgs({
            bucketName: LOGS,
            purpose: "access-logs",
            corsOrigins: [],
            expireCurrentAfterDays: 365,
          }),
          accessLogs: undefined,
          receivesAccessLogsFrom: [`arn:aws:s3:::${DATA}`],
        }),
    );
    const policy = named(resources, "aws:s3/bucketPolicy:BucketPolicy", "logs-policy").inputs
      .policy;
    expect(statement(policy, "AllowS3ServerAccessLogs")).toEqual({
      Sid: "AllowS3ServerAccessLogs",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `arn:aws:s3:::${LOGS}/*`,
      Condition: {
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": [`arn:aws:s3:::${DATA}`] },
      },
    });
    expect(statement(policy, "DenyInsecureTransport").Effect).toBe("Deny");
    expect(ofType(resources, "aws:s3/bucketLogging:BucketLogging")).toHaveLength(0);
    expect(
      ofType(resources, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration"),
    ).toHaveLength(0);
    const rules = named(
      resources,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "logs-lifecycle",
    ).inputs.rules;
    expect(rules[2]).toEqual({
      id: "expire-logs",
      status: "Enabled",
      filter: {},
      expiration: { days: 365 },
    });
  });
});

describe("SecureBucket data perimeter", () => {
  it("denies principals, networks and protection changes outside the perimeter", async () => {
    const { resources } = await runProgram(() => new storage.SecureBucket("data", dataArgs()));
    const policy = named(resources, "aws:s3/bucketPolicy:BucketPolicy", "data-policy").inputs
      .policy;
    const arn = `arn:aws:s3:::${DATA}`;
    expect(statement(policy, "DenyPrincipalsOutsidePerimeter")).toEqual({
      Sid: "DenyPrincipalsOutsidePerimeter",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [arn, `${arn}/*`],
      Condition: { ArnNotLike: { "aws:PrincipalArn": [WORKLOADS, BREAK_GLASS, DEPLOYER] } },
    });
    expect(statement(policy, "DenyDataOutsideNetworks")).toEqual({
      Sid: "DenyDataOutsideNetworks",
      Effect: "Deny",
      Principal: "*",
      Action: [
        "s3:AbortMultipartUpload",
        "s3:DeleteObject*",
        "s3:GetObject*",
        "s3:ListBucket*",
        "s3:ListMultipartUploadParts",
        "s3:PutObject*",
        "s3:RestoreObject",
      ],
      Resource: [arn, `${arn}/*`],
      Condition: {
        StringNotEquals: { "aws:SourceVpce": ["vpce-0123456789abcdef0"] },
        NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] },
      },
    });
    expect(statement(policy, "DenyProtectionChangesButGuardians")).toEqual({
      Sid: "DenyProtectionChangesButGuardians",
      Effect: "Deny",
      Principal: "*",
      Action: [
        "s3:DeleteBucket",
        "s3:DeleteBucketPolicy",
        "s3:PutBucketObjectLockConfiguration",
        "s3:PutBucketPolicy",
        "s3:PutBucketVersioning",
        "s3:PutLifecycleConfiguration",
      ],
      Resource: arn,
      Condition: { ArnNotLike: { "aws:PrincipalArn": [BREAK_GLASS, DEPLOYER] } },
    });
  });

  it("leaves the network deny to the VPC endpoints when the users' allowlist is empty", async () => {
    const { resources } = await runProgram(
      () =>
        new storage.SecureBucket(
          "data",
          dataArgs({ perimeter: { ...PERIMETER, sourceCidrs: [] } }),
        ),
    );
    const policy = named(resources, "aws:s3/bucketPolicy:BucketPolicy", "data-policy").inputs
      .policy;
    expect(statement(policy, "DenyDataOutsideNetworks").Condition).toEqual({
      StringNotEquals: { "aws:SourceVpce": ["vpce-0123456789abcdef0"] },
    });
  });

  it("refuses a data bucket without a perimeter, and empty perimeter lists", () => {
    expect(storage.validateSecureBucketArgs("b", dataArgs({ perimeter: undefined }))).toEqual([
      "SecureBucket b: holds data but has no perimeter. Fix: give perimeter (the principals, guardians, networks and VPC endpoints that may reach it)",
    ]);
    expect(
      storage.validateSecureBucketArgs(
        "b",
        dataArgs({ perimeter: { ...PERIMETER, guardians: [], sourceVpceIds: [] } }),
      ),
    ).toEqual([
      "SecureBucket b: perimeter guardians, sourceVpceIds is empty, which would lock every principal out or let every network in. Fix: name at least one each",
    ]);
  });

  it("names an assumed role's caller by its role, with or without a path", () => {
    expect(
      storage.callerPrincipalPatterns(`arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci-42`),
    ).toEqual([`arn:aws:iam::${ACCOUNT}:role/deployer`, `arn:aws:iam::${ACCOUNT}:role/*/deployer`]);
    expect(storage.callerPrincipalPatterns(`arn:aws:iam::${ACCOUNT}:user/alice`)).toEqual([
      `arn:aws:iam::${ACCOUNT}:user/alice`,
    ]);
  });
});

describe("SecureBucket object lock", () => {
  it("keeps noncurrent versions at least as long as the lock retains them", async () => {
    const { resources } = await runProgram(
      () =>
        new storage.SecureBucket(
          "data",
          dataArgs({ noncurrentVersionDays: 7, objectLock: { mode: "COMPLIANCE", days: 30 } }),
        ),
    );
    const rules = named(
      resources,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "data-lifecycle",
    ).inputs.rules;
    expect(rules[0].noncurrentVersionExpiration).toEqual({ noncurrentDays: 30 });
  });
});

describe("validateSecureBucketArgs", () => {
  it("reports every problem with its fix", () => {
    expect(storage.validateSecureBucketArgs("b", dataArgs())).toEqual([]);
    expect(
      storage.validateSecureBucketArgs("b", {
        ...dataArgs({
          corsOrigins: ["http://x.example.com", "*"],
          noncurrentVersionDays: 0,
          objectLock: { mode: "GOVERNANCE", days: 0 },
          expireCurrentAfterDays: 30,
        }),
        accessLogs: undefined,
      }),
    ).toEqual([
      'SecureBucket b: corsOrigins[0] "http://x.example.com" is not an https origin. Fix: use https://<host>, without path or wildcard',
      'SecureBucket b: corsOrigins[1] "*" is not an https origin. Fix: use https://<host>, without path or wildcard',
      "SecureBucket b: has no accessLogs target and is not a log bucket. Fix: give accessLogs, or receivesAccessLogsFrom for the log bucket",
      "SecureBucket b: noncurrentVersionDays 0 is below 1. Fix: keep old versions at least a day",
      "SecureBucket b: objectLock.days 0 is not a whole number of days >= 1. Fix: use e.g. 30",
      "SecureBucket b: expireCurrentAfterDays is set on a data bucket, which would delete tenant data. Fix: use it on log buckets only",
    ]);
  });
});
