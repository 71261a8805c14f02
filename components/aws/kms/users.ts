import * as pulumi from "@pulumi/pulumi";
import { accountRoot, servicePrincipal, viaService, type ArnContext } from "../shared/iam";
import type { KeyUser } from "./args";
import { GRANT_ACTIONS, USE_ACTIONS } from "./defaults";

/**
 * The user statements of each enclave key, one builder per purpose. Where the user is an AWS
 * service acting for a principal of the account, the statement names the account and pins
 * `kms:ViaService` and `kms:CallerAccount`, so the account's IAM policies still decide which
 * roles may ask, and only through that service.
 */
export interface KeyUserContext extends ArnContext {
  readonly dnsSuffix: string;
}

const via = (ctx: KeyUserContext, services: readonly string[]) => ({
  StringEquals: {
    "kms:ViaService": services.map((s) => viaService(s, ctx.region, ctx.dnsSuffix)),
    "kms:CallerAccount": ctx.accountId,
  },
});

/** Kubernetes secrets envelope encryption: the EKS cluster role, and the cluster's creator via EKS. */
export function clusterKeyUsers(
  ctx: KeyUserContext,
  clusterRoleArn: pulumi.Input<string>,
): KeyUser[] {
  return [
    {
      sid: "EksClusterRoleUse",
      principal: { AWS: clusterRoleArn },
      actions: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ListGrants"],
    },
    {
      sid: "EksClusterCreationViaEks",
      principal: { AWS: accountRoot(ctx) },
      actions: ["kms:CreateGrant", "kms:DescribeKey"],
      conditions: via(ctx, ["eks"]),
    },
  ];
}

/** ARN of the EC2 Auto Scaling service-linked role, which launches the managed nodes. */
export function autoscalingServiceLinkedRoleArn(ctx: ArnContext): pulumi.Output<string> {
  return accountRoot(ctx).apply((root) =>
    root.replace(
      /:root$/,
      ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
    ),
  );
}

/** Node root volumes (and EBS volumes of the CSI driver): Auto Scaling, and EC2 for the account. */
export function volumesKeyUsers(ctx: KeyUserContext): KeyUser[] {
  const asg = autoscalingServiceLinkedRoleArn(ctx);
  return [
    { sid: "AutoscalingUse", principal: { AWS: asg }, actions: [...USE_ACTIONS] },
    {
      sid: "AutoscalingGrantForVolumes",
      principal: { AWS: asg },
      actions: ["kms:CreateGrant"],
      conditions: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
    {
      sid: "AccountUseViaEc2",
      principal: { AWS: accountRoot(ctx) },
      actions: [...USE_ACTIONS, "kms:CreateGrant"],
      conditions: via(ctx, ["ec2"]),
    },
  ];
}

/**
 * The tenant's bucket: only through S3, only for objects of that bucket, and only for the
 * bucket's perimeter principals (`aws:PrincipalArn` patterns: workload roles, administrators,
 * break-glass), so that no other principal of the account can decrypt its data.
 */
export function storageKeyUsers(
  ctx: KeyUserContext,
  bucketArn: pulumi.Input<string>,
  principals: pulumi.Input<string[]>,
): KeyUser[] {
  const perimeter = { ArnLike: { "aws:PrincipalArn": principals } };
  return [
    {
      sid: "AccountUseViaS3ForTenantBucket",
      principal: { AWS: accountRoot(ctx) },
      actions: USE_ACTIONS.filter((a) => a !== "kms:DescribeKey"),
      conditions: {
        ...via(ctx, ["s3"]),
        ...perimeter,
        // With S3 Bucket Keys the context is the bucket ARN; without, the object ARN.
        StringLike: {
          "kms:EncryptionContext:aws:s3:arn": [bucketArn, pulumi.interpolate`${bucketArn}/*`],
        },
      },
    },
    {
      sid: "AccountDescribeViaS3",
      principal: { AWS: accountRoot(ctx) },
      actions: ["kms:DescribeKey"],
      conditions: { ...via(ctx, ["s3"]), ...perimeter },
    },
  ];
}

/**
 * The database: RDS storage, snapshots and Performance Insights, the master-user secret, and the
 * AWS Backup vault encrypted with it (AWS Backup's service role calls KMS through Backup to
 * create and use the vault, and through RDS to snapshot and restore the instance).
 */
export function databaseKeyUsers(ctx: KeyUserContext): KeyUser[] {
  return [
    {
      sid: "AccountUseViaRdsSecretsManagerAndBackup",
      principal: { AWS: accountRoot(ctx) },
      actions: [...USE_ACTIONS, ...GRANT_ACTIONS],
      conditions: via(ctx, ["rds", "secretsmanager", "backup"]),
    },
  ];
}

/**
 * Logs: CloudWatch Logs for the named log groups only (encryption context), S3 server access
 * logging for the named buckets' logs, and (with a trail) CloudTrail for that trail only
 * (`aws:SourceArn` and the `aws:cloudtrail:arn` encryption context), whose log files the
 * account's principals may decrypt (their IAM policies decide who).
 */
export function logsKeyUsers(
  ctx: KeyUserContext,
  logGroupArns: readonly pulumi.Input<string>[],
  loggedBucketArns: readonly pulumi.Input<string>[],
  trailArn?: pulumi.Input<string>,
): KeyUser[] {
  const users: KeyUser[] = [
    {
      sid: "CloudWatchLogsUse",
      principal: { Service: `logs.${ctx.region}.${ctx.dnsSuffix}` },
      actions: [
        "kms:Decrypt*",
        "kms:Describe*",
        "kms:Encrypt*",
        "kms:GenerateDataKey*",
        "kms:ReEncrypt*",
      ],
      conditions: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": [...logGroupArns] } },
    },
  ];
  if (loggedBucketArns.length > 0) {
    users.push({
      sid: "S3ServerAccessLogDelivery",
      principal: { Service: servicePrincipal("logging.s3") },
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
      conditions: {
        StringEquals: { "aws:SourceAccount": ctx.accountId },
        ArnLike: { "aws:SourceArn": [...loggedBucketArns] },
      },
    });
  }
  if (trailArn !== undefined) {
    const trailContext = { "kms:EncryptionContext:aws:cloudtrail:arn": trailArn };
    users.push(
      {
        sid: "CloudTrailEncryptLogs",
        principal: { Service: servicePrincipal("cloudtrail") },
        actions: ["kms:GenerateDataKey*"],
        conditions: { StringEquals: { "aws:SourceArn": trailArn, ...trailContext } },
      },
      {
        sid: "CloudTrailDescribeKey",
        principal: { Service: servicePrincipal("cloudtrail") },
        actions: ["kms:DescribeKey"],
        conditions: { StringEquals: { "aws:SourceArn": trailArn } },
      },
      {
        sid: "AccountDecryptTrailLogs",
        principal: { AWS: accountRoot(ctx) },
        actions: ["kms:Decrypt", "kms:ReEncryptFrom"],
        conditions: { StringEquals: { "kms:CallerAccount": ctx.accountId, ...trailContext } },
      },
    );
  }
  return users;
}
