import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { formatProblem } from "../../shared/problems";
import { roleNamePrefix, serviceTrustPolicy } from "../shared/iam";
import { withPurpose } from "../shared/tags";
import type { DatabaseBackupArgs } from "./args";
import {
  COMPLETION_WINDOW_MINUTES,
  COMPLIANCE_GRACE_DAYS,
  MAX_RETENTION_DAYS,
  SCHEDULE,
  SERVICE_ROLE_POLICIES,
  START_WINDOW_MINUTES,
} from "./defaults";
import { validateDatabaseBackupArgs } from "./validate";

/**
 * AWS Backup of the tenant's database: a vault encrypted with the database key and locked (in
 * compliance mode in prod, so no one can delete a recovery point before its retention ends), a
 * daily plan keeping each recovery point for the environment's retention, and a selection of the
 * database through a role only AWS Backup can assume, holding AWS's managed backup and restore
 * policies. The vault is protected, like the database it keeps.
 */
export class DatabaseBackup extends pulumi.ComponentResource {
  public readonly vaultArn: pulumi.Output<string>;
  public readonly planArn: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: DatabaseBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:aws:DatabaseBackup", name, {}, opts);
    const problems = validateDatabaseBackupArgs(args);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(
        problems.map((p) => `DatabaseBackup ${name}: ${formatProblem(p)}`).join("\n"),
        this,
      );
    }
    const tags = withPurpose(args.tags, "database-backup");

    const vault = new aws.backup.Vault(
      `${name}-vault`,
      { name: args.vaultName, kmsKeyArn: args.kmsKeyArn, forceDestroy: false, tags },
      { parent: this, protect: true },
    );
    const lock = new aws.backup.VaultLockConfiguration(
      `${name}-vault-lock`,
      {
        backupVaultName: vault.name,
        minRetentionDays: args.retentionDays,
        maxRetentionDays: MAX_RETENTION_DAYS,
        // With changeableForDays the lock becomes compliance-mode once they pass; without, governance.
        ...(args.lockMode === "compliance" ? { changeableForDays: COMPLIANCE_GRACE_DAYS } : {}),
      },
      { parent: this, protect: args.lockMode === "compliance" },
    );
    const plan = new aws.backup.Plan(
      `${name}-plan`,
      {
        name: `${args.vaultName}-daily`,
        rules: [
          {
            ruleName: "daily",
            targetVaultName: vault.name,
            schedule: SCHEDULE,
            startWindow: START_WINDOW_MINUTES,
            completionWindow: COMPLETION_WINDOW_MINUTES,
            lifecycle: { deleteAfter: args.retentionDays },
            recoveryPointTags: tags,
          },
        ],
        tags,
      },
      { parent: this, dependsOn: [lock] },
    );

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        namePrefix: roleNamePrefix(`${name}-role`),
        description: `AWS Backup of ${args.vaultName}: backs up and restores the database`,
        assumeRolePolicy: serviceTrustPolicy("backup"),
        maxSessionDuration: 3600,
        tags,
      },
      { parent: this },
    );
    const attachments = SERVICE_ROLE_POLICIES.map(
      (policy, i) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-role-${i === 0 ? "backup" : "restores"}`,
          { role: role.name, policyArn: `arn:${args.partition}:iam::aws:policy/${policy}` },
          { parent: this },
        ),
    );
    new aws.backup.Selection(
      `${name}-selection`,
      {
        name: `${args.vaultName}-database`,
        planId: plan.id,
        iamRoleArn: role.arn,
        resources: [...args.resourceArns],
      },
      { parent: this, dependsOn: attachments },
    );

    this.vaultArn = vault.arn;
    this.planArn = plan.arn;
    this.roleArn = role.arn;
    this.registerOutputs({ vaultArn: this.vaultArn, planArn: this.planArn, roleArn: this.roleArn });
  }
}
