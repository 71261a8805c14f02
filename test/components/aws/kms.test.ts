import { beforeAll, describe, expect, it } from "vitest";
import {
  type Loose,
  ACCOUNT,
  REGION,
  named,
  resolve,
  runProgram,
  setAwsMocks,
  statement,
} from "../../helpers/aws-target-mocks";

type Kms = typeof import("../../../components/aws/kms");
let kms: Kms;

const ctx = { partition: "aws", region: REGION, accountId: ACCOUNT, dnsSuffix: "amazonaws.com" };
const root = `arn:aws:iam::${ACCOUNT}:root`;
const tags = {
  "enclave:tenant": "acme",
  "enclave:environment": "prod",
  "enclave:stack": "aws-prod",
  "managed-by": "pulumi",
};

beforeAll(async () => {
  await setAwsMocks();
  kms = await import("../../../components/aws/kms");
});

describe("EncryptionKey", () => {
  it("creates a rotating, protected key with a 30-day window and an alias", async () => {
    const { resources } = await runProgram(
      () =>
        new kms.EncryptionKey("acme-logs", {
          purpose: "logs",
          description: "logs",
          aliasName: "alias/enclave/acme/prod/logs",
          arn: ctx,
          administrators: [],
          users: kms.logsKeyUsers(
            ctx,
            ["arn:aws:logs:eu-west-1:111122223333:log-group:/aws/eks/x/cluster"],
            [],
          ),
          tags,
        }),
    );
    const key = named(resources, "aws:kms/key:Key", "acme-logs-key");
    expect(key.inputs).toMatchObject({
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      bypassPolicyLockoutSafetyCheck: false,
      multiRegion: false,
      keyUsage: "ENCRYPT_DECRYPT",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
    });
    expect(key.inputs.tags["enclave:purpose"]).toBe("logs");
    expect(key.protect).toBe(true);
    const alias = named(resources, "aws:kms/alias:Alias", "acme-logs-alias");
    expect(alias.inputs.name).toBe("alias/enclave/acme/prod/logs");
    expect(alias.inputs.targetKeyId).toBe(key.state.keyId);
  });

  it("separates administrators (no crypto) from users (no administration)", async () => {
    const { resources } = await runProgram(
      () =>
        new kms.EncryptionKey("acme-db", {
          purpose: "database",
          description: "db",
          aliasName: "alias/enclave/acme/prod/database",
          arn: ctx,
          administrators: ["arn:aws:iam::111122223333:role/key-admins"],
          users: kms.databaseKeyUsers(ctx),
          tags,
        }),
    );
    const policy = named(resources, "aws:kms/key:Key", "acme-db-key").inputs.policy;
    const admin = statement(policy, "KeyAdministration");
    expect(admin.Principal).toEqual({ AWS: ["arn:aws:iam::111122223333:role/key-admins"] });
    for (const crypto of [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:GenerateDataKey*",
      "kms:ReEncrypt*",
      "kms:CreateGrant",
      "kms:*",
    ]) {
      expect(admin.Action).not.toContain(crypto);
    }
    expect(admin.Action).toContain("kms:ScheduleKeyDeletion");
    const use = statement(policy, "AccountUseViaRdsSecretsManagerAndBackup");
    expect(use.Principal).toEqual({ AWS: root });
    expect(use.Condition).toEqual({
      StringEquals: {
        "kms:ViaService": [
          "rds.eu-west-1.amazonaws.com",
          "secretsmanager.eu-west-1.amazonaws.com",
          "backup.eu-west-1.amazonaws.com",
        ],
        "kms:CallerAccount": ACCOUNT,
      },
    });
    expect(use.Action).not.toContain("kms:PutKeyPolicy");
  });

  it("defaults administrators to the account root", async () => {
    const { resources } = await runProgram(
      () =>
        new kms.EncryptionKey("acme-vol", {
          purpose: "volumes",
          description: "v",
          aliasName: "alias/enclave/acme/prod/volumes",
          arn: ctx,
          administrators: [],
          users: kms.volumesKeyUsers(ctx),
          tags,
        }),
    );
    const policy = named(resources, "aws:kms/key:Key", "acme-vol-key").inputs.policy;
    expect(statement(policy, "KeyAdministration").Principal).toEqual({ AWS: [root] });
    const asg = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    expect(statement(policy, "AutoscalingUse").Principal).toEqual({ AWS: asg });
    expect(statement(policy, "AutoscalingGrantForVolumes").Condition).toEqual({
      Bool: { "kms:GrantIsForAWSResource": "true" },
    });
    expect(statement(policy, "AccountUseViaEc2").Condition.StringEquals["kms:ViaService"]).toEqual([
      "ec2.eu-west-1.amazonaws.com",
    ]);
  });

  it("limits CloudWatch Logs to the named log groups and S3 logging to the named buckets", async () => {
    const users = kms.logsKeyUsers(
      ctx,
      ["arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc/x/flow-logs"],
      ["arn:aws:s3:::data"],
    );
    const logs = users.find((u) => u.sid === "CloudWatchLogsUse")!;
    expect(logs.principal).toEqual({ Service: "logs.eu-west-1.amazonaws.com" });
    expect(logs.conditions).toEqual({
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": [
          "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc/x/flow-logs",
        ],
      },
    });
    const s3 = users.find((u) => u.sid === "S3ServerAccessLogDelivery")!;
    expect(s3.principal).toEqual({ Service: "logging.s3.amazonaws.com" });
    expect(s3.conditions).toEqual({
      StringEquals: { "aws:SourceAccount": ACCOUNT },
      ArnLike: { "aws:SourceArn": ["arn:aws:s3:::data"] },
    });
    expect(kms.logsKeyUsers(ctx, [], []).map((u) => u.sid)).toEqual(["CloudWatchLogsUse"]);
  });

  it("lets CloudTrail encrypt with the logs key for the stack's trail only, and the account decrypt its log files", () => {
    const trailArn = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/enclave-acme-prod`;
    const users = kms.logsKeyUsers(ctx, [], [], trailArn);
    const byId = new Map(users.map((u) => [u.sid, u]));
    expect(byId.get("CloudTrailEncryptLogs")).toEqual({
      sid: "CloudTrailEncryptLogs",
      principal: { Service: "cloudtrail.amazonaws.com" },
      actions: ["kms:GenerateDataKey*"],
      conditions: {
        StringEquals: {
          "aws:SourceArn": trailArn,
          "kms:EncryptionContext:aws:cloudtrail:arn": trailArn,
        },
      },
    });
    expect(byId.get("CloudTrailDescribeKey")!.conditions).toEqual({
      StringEquals: { "aws:SourceArn": trailArn },
    });
    expect(byId.get("AccountDecryptTrailLogs")!.conditions).toEqual({
      StringEquals: {
        "kms:CallerAccount": ACCOUNT,
        "kms:EncryptionContext:aws:cloudtrail:arn": trailArn,
      },
    });
  });

  it("pins the storage key to S3 and to the tenant bucket's encryption context", async () => {
    const users = kms.storageKeyUsers(ctx, "arn:aws:s3:::enclave-acme-prod-data-111122223333", [
      "arn:aws:iam::111122223333:role/enclave/acme/prod/tenant-storage/*",
    ]);
    const use = users.find((u) => u.sid === "AccountUseViaS3ForTenantBucket")!;
    expect(use.actions).not.toContain("kms:DescribeKey");
    expect(use.conditions!.StringEquals).toEqual({
      "kms:ViaService": ["s3.eu-west-1.amazonaws.com"],
      "kms:CallerAccount": ACCOUNT,
    });
    expect(
      await resolve(use.conditions!.StringLike!["kms:EncryptionContext:aws:s3:arn"] as Loose),
    ).toEqual([
      "arn:aws:s3:::enclave-acme-prod-data-111122223333",
      "arn:aws:s3:::enclave-acme-prod-data-111122223333/*",
    ]);
  });

  it("lets only the bucket's perimeter principals use the storage key", () => {
    const principals = ["arn:aws:iam::111122223333:role/enclave/acme/prod/tenant-storage/*"];
    const users = kms.storageKeyUsers(ctx, "arn:aws:s3:::b", principals);
    for (const sid of ["AccountUseViaS3ForTenantBucket", "AccountDescribeViaS3"]) {
      expect(users.find((u) => u.sid === sid)!.conditions!.ArnLike).toEqual({
        "aws:PrincipalArn": principals,
      });
    }
  });

  it("lets the EKS cluster role use the cluster key and the creator grant through EKS only", () => {
    const users = kms.clusterKeyUsers(ctx, "arn:aws:iam::111122223333:role/cluster");
    expect(users[0]).toEqual({
      sid: "EksClusterRoleUse",
      principal: { AWS: "arn:aws:iam::111122223333:role/cluster" },
      actions: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ListGrants"],
    });
    expect(users[1]!.conditions!.StringEquals!["kms:ViaService"]).toEqual([
      "eks.eu-west-1.amazonaws.com",
    ]);
  });

  it("rejects bad arguments before creating anything, with exact messages", () => {
    const base = {
      purpose: "x",
      description: "x",
      aliasName: "alias/aws/x",
      arn: ctx,
      administrators: [],
      users: [
        { sid: "A", principal: { AWS: root }, actions: ["kms:PutKeyPolicy"] },
        { sid: "A", principal: { AWS: root }, actions: ["kms:Decrypt"] },
      ],
      tags,
    };
    expect(kms.validateEncryptionKeyArgs("k", base)).toEqual([
      'EncryptionKey k: aliasName "alias/aws/x" is not a customer alias. Fix: use alias/<name> with letters, digits, /, _ and - (alias/aws/ is reserved for AWS)',
      'EncryptionKey k: statement id "A" is used twice. Fix: give every user statement its own sid',
      'EncryptionKey k: user statement "A" grants kms:PutKeyPolicy. Fix: users only use the key; administration belongs to administrators',
    ]);
    expect(
      kms.validateEncryptionKeyArgs("k", { ...base, aliasName: "alias/ok", users: [] }),
    ).toEqual([
      "EncryptionKey k: users is empty, so nothing could use the key. Fix: grant its service or role at least one statement",
    ]);
  });
});
