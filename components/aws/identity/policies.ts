import * as pulumi from "@pulumi/pulumi";
import { viaService, type Statement } from "../shared/iam";

export interface ServiceContext {
  readonly region: string;
  readonly dnsSuffix: string;
}

/**
 * What the annotation app's service account may do with its tenant's bucket: read and write
 * objects of that bucket, and use that bucket's key through S3 only. Nothing else.
 */
export function tenantStorageStatements(
  bucketName: pulumi.Input<string>,
  kmsKeyArn: pulumi.Input<string>,
  partition: string,
  ctx: ServiceContext,
): Statement[] {
  const bucketArn = pulumi.interpolate`arn:${partition}:s3:::${bucketName}`;
  const objects = pulumi.interpolate`arn:${partition}:s3:::${bucketName}/*`;
  return [
    {
      Sid: "TenantBucket",
      Effect: "Allow",
      Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
      Resource: bucketArn,
    },
    {
      Sid: "TenantObjects",
      Effect: "Allow",
      Action: [
        "s3:AbortMultipartUpload",
        "s3:DeleteObject",
        "s3:GetObject",
        "s3:ListMultipartUploadParts",
        "s3:PutObject",
      ],
      Resource: objects,
    },
    {
      // Diffgram's multipart upload sends the canned ACL "private"; S3 authorises a request that
      // carries an ACL header against s3:PutObjectAcl too. Only the two owner-only ACLs are
      // allowed, and with ACLs disabled on the bucket an ACL can never grant anything.
      Sid: "OwnerOnlyCannedAcl",
      Effect: "Allow",
      Action: ["s3:PutObjectAcl"],
      Resource: objects,
      Condition: { StringEquals: { "s3:x-amz-acl": ["private", "bucket-owner-full-control"] } },
    },
    {
      Sid: "TenantKeyThroughS3",
      Effect: "Allow",
      Action: [
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:Encrypt",
        "kms:GenerateDataKey",
        "kms:ReEncrypt*",
      ],
      Resource: kmsKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": viaService("s3", ctx.region, ctx.dnsSuffix) },
      },
    },
  ];
}

/**
 * What the in-cluster database bootstrap job may do: read the RDS-managed master secret, and
 * decrypt it with the database key through Secrets Manager only.
 */
export function databaseBootstrapStatements(
  secretArn: pulumi.Input<string>,
  kmsKeyArn: pulumi.Input<string>,
  ctx: ServiceContext,
): Statement[] {
  return [
    {
      Sid: "MasterSecret",
      Effect: "Allow",
      Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
      Resource: secretArn,
    },
    {
      Sid: "DatabaseKeyThroughSecretsManager",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: kmsKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": viaService("secretsmanager", ctx.region, ctx.dnsSuffix) },
      },
    },
  ];
}

/**
 * What the tenant bucket's break-glass role may do there: change or lift its protection (the
 * actions the bucket policy refuses to everyone else), read its settings, and recover its data
 * with the bucket's key through S3. Nothing outside that bucket and key.
 */
export function breakGlassStatements(
  bucketArn: pulumi.Input<string>,
  kmsKeyArn: pulumi.Input<string>,
  ctx: ServiceContext,
): Statement[] {
  return [
    {
      Sid: "TenantBucketProtection",
      Effect: "Allow",
      Action: [
        "s3:DeleteBucketPolicy",
        "s3:GetBucketObjectLockConfiguration",
        "s3:GetBucketPolicy",
        "s3:GetBucketVersioning",
        "s3:GetLifecycleConfiguration",
        "s3:ListBucket",
        "s3:ListBucketVersions",
        "s3:PutBucketObjectLockConfiguration",
        "s3:PutBucketPolicy",
        "s3:PutBucketVersioning",
        "s3:PutLifecycleConfiguration",
      ],
      Resource: bucketArn,
    },
    {
      Sid: "TenantObjectsRecovery",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
      Resource: pulumi.interpolate`${bucketArn}/*`,
    },
    {
      Sid: "TenantKeyThroughS3",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"],
      Resource: kmsKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": viaService("s3", ctx.region, ctx.dnsSuffix) },
      },
    },
  ];
}
