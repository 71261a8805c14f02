import * as pulumi from "@pulumi/pulumi";
import {
  policyDocument,
  servicePrincipal,
  type PolicyDocument,
  type Statement,
} from "../shared/iam";
import { MIN_TLS_VERSION, SSE_ALGORITHM } from "./defaults";
import { perimeterStatements, type BucketPerimeter } from "./perimeter";

export interface BucketPolicyArgs {
  readonly bucketArn: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  /** Source buckets whose server access logs this bucket receives (log buckets only). */
  readonly receivesAccessLogsFrom?: readonly pulumi.Input<string>[];
  /** The trail whose log files this bucket receives (trail log buckets only). */
  readonly receivesTrailFrom?: pulumi.Input<string>;
  /** The data perimeter (data buckets). */
  readonly perimeter?: BucketPerimeter;
}

/**
 * The bucket policy: no request without TLS 1.2+, no upload encrypted otherwise than with the
 * bucket's own key, (data buckets) the data perimeter, and (log buckets) delivery by S3 server
 * access logging of the named buckets.
 */
export function bucketPolicy(args: BucketPolicyArgs): PolicyDocument {
  const bucketAndObjects = [args.bucketArn, pulumi.interpolate`${args.bucketArn}/*`];
  const objects = pulumi.interpolate`${args.bucketArn}/*`;
  const statements: Statement[] = [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: bucketAndObjects,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "DenyOutdatedTls",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: bucketAndObjects,
      Condition: { NumericLessThan: { "s3:TlsVersion": MIN_TLS_VERSION } },
    },
    {
      Sid: "DenyOtherEncryption",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": SSE_ALGORITHM } },
    },
    {
      Sid: "DenyOtherKmsKey",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: {
        StringNotEqualsIfExists: {
          "s3:x-amz-server-side-encryption-aws-kms-key-id": args.kmsKeyArn,
        },
      },
    },
  ];
  if (args.perimeter !== undefined) {
    statements.push(...perimeterStatements(args.bucketArn, args.perimeter));
  }
  if (args.receivesAccessLogsFrom !== undefined) {
    statements.push({
      Sid: "AllowS3ServerAccessLogs",
      Effect: "Allow",
      Principal: { Service: servicePrincipal("logging.s3") },
      Action: "s3:PutObject",
      Resource: objects,
      Condition: {
        StringEquals: { "aws:SourceAccount": args.accountId },
        ArnLike: { "aws:SourceArn": [...args.receivesAccessLogsFrom] },
      },
    });
  }
  if (args.receivesTrailFrom !== undefined) {
    const trail = { StringEquals: { "aws:SourceArn": args.receivesTrailFrom } };
    statements.push(
      {
        Sid: "AllowCloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: servicePrincipal("cloudtrail") },
        Action: "s3:GetBucketAcl",
        Resource: args.bucketArn,
        Condition: trail,
      },
      {
        Sid: "AllowCloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: servicePrincipal("cloudtrail") },
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${args.bucketArn}/AWSLogs/${args.accountId}/*`,
        Condition: {
          StringEquals: {
            ...trail.StringEquals,
            "s3:x-amz-acl": "bucket-owner-full-control",
          },
        },
      },
    );
  }
  return policyDocument(statements);
}
