import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, REGION, named, runProgram, setAwsMocks } from "../../helpers/aws-target-mocks";

type Backup = typeof import("../../../components/aws/backup");
type Args = import("../../../components/aws/backup").DatabaseBackupArgs;
let backup: Backup;

const DB_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/55555555-5555-5555-5555-555555555555`;
const DB_ARN = `arn:aws:rds:${REGION}:${ACCOUNT}:db:enclave-acme-prod-db`;
const tags = {
  "enclave:tenant": "acme",
  "enclave:environment": "prod",
  "enclave:stack": "t",
  "managed-by": "pulumi",
};
const args = (over: Partial<Args> = {}): Args => ({
  vaultName: "enclave-acme-prod-db-vault",
  resourceArns: [DB_ARN],
  kmsKeyArn: DB_KEY,
  retentionDays: 35,
  lockMode: "compliance",
  partition: "aws",
  tags,
  ...over,
});
const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const PLAN = "aws:backup/plan:Plan";
const SELECTION = "aws:backup/selection:Selection";

beforeAll(async () => {
  await setAwsMocks();
  backup = await import("../../../components/aws/backup");
});

describe("DatabaseBackup", () => {
  it("keeps recovery points in a protected vault under the database key, locked in compliance mode", async () => {
    const { resources } = await runProgram(() => new backup.DatabaseBackup("b", args()));
    const vault = named(resources, VAULT, "b-vault");
    expect(vault.inputs).toEqual({
      name: "enclave-acme-prod-db-vault",
      kmsKeyArn: DB_KEY,
      forceDestroy: false,
      tags: { ...tags, "enclave:purpose": "database-backup" },
    });
    expect(vault.protect).toBe(true);
    expect(vault.parentName).toBe("b");
    const lock = named(resources, LOCK, "b-vault-lock");
    expect(lock.inputs).toEqual({
      backupVaultName: "enclave-acme-prod-db-vault",
      minRetentionDays: 35,
      maxRetentionDays: 365,
      changeableForDays: 3,
    });
    expect(lock.protect).toBe(true);
  });

  it("locks in governance mode (no changeableForDays) outside prod, and leaves that lock removable", async () => {
    const { resources } = await runProgram(
      () => new backup.DatabaseBackup("b", args({ lockMode: "governance", retentionDays: 7 })),
    );
    const lock = named(resources, LOCK, "b-vault-lock");
    expect(lock.inputs).toEqual({
      backupVaultName: "enclave-acme-prod-db-vault",
      minRetentionDays: 7,
      maxRetentionDays: 365,
    });
    expect(lock.protect).toBe(false);
  });

  it("backs up daily after the RDS windows, keeping each point for the retention, once the lock is set", async () => {
    const { resources } = await runProgram(() => new backup.DatabaseBackup("b", args()));
    const plan = named(resources, PLAN, "b-plan");
    expect(plan.inputs.name).toBe("enclave-acme-prod-db-vault-daily");
    expect(plan.inputs.rules).toEqual([
      {
        ruleName: "daily",
        targetVaultName: "enclave-acme-prod-db-vault",
        schedule: "cron(0 5 * * ? *)",
        startWindow: 60,
        completionWindow: 240,
        lifecycle: { deleteAfter: 35 },
        recoveryPointTags: { ...tags, "enclave:purpose": "database-backup" },
      },
    ]);
    expect(plan.dependsOn).toEqual(["b-vault-lock"]);
  });

  it("selects the database by ARN through a role only AWS Backup assumes, with the backup and restore policies", async () => {
    const { resources } = await runProgram(() => new backup.DatabaseBackup("b", args()));
    const role = named(resources, "aws:iam/role:Role", "b-role");
    expect(JSON.parse(role.inputs.assumeRolePolicy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "TrustService",
          Effect: "Allow",
          Principal: { Service: "backup.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    });
    for (const [suffix, policy] of [
      ["backup", "AWSBackupServiceRolePolicyForBackup"],
      ["restores", "AWSBackupServiceRolePolicyForRestores"],
    ]) {
      expect(
        named(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", `b-role-${suffix}`)
          .inputs,
      ).toEqual({
        role: role.state.name,
        policyArn: `arn:aws:iam::aws:policy/service-role/${policy}`,
      });
    }
    const plan = named(resources, PLAN, "b-plan");
    const selection = named(resources, SELECTION, "b-selection");
    expect(selection.inputs).toEqual({
      name: "enclave-acme-prod-db-vault-database",
      planId: plan.id,
      iamRoleArn: role.state.arn,
      resources: [DB_ARN],
    });
    expect(selection.dependsOn).toEqual(["b-role-backup", "b-role-restores"]);
  });

  it("writes the managed policies' ARNs in the region's partition", async () => {
    const { resources } = await runProgram(
      () => new backup.DatabaseBackup("b", args({ partition: "aws-us-gov" })),
    );
    expect(
      named(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "b-role-backup").inputs
        .policyArn,
    ).toBe("arn:aws-us-gov:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup");
  });
});

describe("validateDatabaseBackupArgs", () => {
  it("reports every problem on its own path, with the fix", () => {
    expect(backup.validateDatabaseBackupArgs(args())).toEqual([]);
    expect(
      backup.validateDatabaseBackupArgs(
        args({ vaultName: "a vault", retentionDays: 400, resourceArns: [] }),
      ),
    ).toEqual([
      {
        path: "vaultName",
        value: "a vault",
        problem: "is not a backup vault name",
        fix: "use 2-50 letters, digits, hyphens and underscores",
      },
      {
        path: "retentionDays",
        value: 400,
        problem: "is outside the vault lock's 1-365 days",
        fix: "keep recovery points a whole number of days between 1 and 365",
      },
      {
        path: "resourceArns",
        value: [],
        problem: "is empty, so the plan would back up nothing",
        fix: "pass the database's ARN",
      },
    ]);
    expect(backup.validateDatabaseBackupArgs(args({ retentionDays: 0 }))).toHaveLength(1);
  });
});

describe("retention and lock per environment", () => {
  it("keeps 35 days locked in compliance in prod, 14 and 7 days in governance elsewhere", () => {
    expect(backup.RETENTION_DAYS).toEqual({ dev: 7, staging: 14, prod: 35 });
    expect(backup.LOCK_MODE).toEqual({
      dev: "governance",
      staging: "governance",
      prod: "compliance",
    });
  });
});
