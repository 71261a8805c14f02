import * as pulumi from "@pulumi/pulumi";
import {
  policyDocument,
  type ArnContext,
  type PolicyDocument,
  type Statement,
} from "../shared/iam";

/**
 * The bucket ECR serves image layers from, in the region (AWS documents it for pulls from ECR
 * through an S3 endpoint: "Amazon ECR interface VPC endpoints", minimum S3 endpoint policy).
 * EKS nodes always pull from ECR (the managed add-ons' images), so the S3 endpoints allow it.
 */
export function ecrLayerBucketArn(arn: ArnContext): string {
  return `arn:${arn.partition}:s3:::prod-${arn.region}-starport-layer-bucket`;
}

const bucketAndObjects = (arn: ArnContext, buckets: readonly pulumi.Input<string>[]) =>
  buckets.flatMap((b) => [
    pulumi.interpolate`arn:${arn.partition}:s3:::${b}`,
    pulumi.interpolate`arn:${arn.partition}:s3:::${b}/*`,
  ]);

/**
 * Policy of both S3 endpoints: this account's principals may use the stack's buckets, which must
 * be this account's (`aws:ResourceAccount`: a name pattern such as `enclave-*-<account>` cannot
 * then admit a bucket someone else created under a matching name), and the clients' buckets named
 * exactly (client-hosted tenants'); no other bucket of any account. Anyone may read ECR's layer
 * objects (the node role pulls them; the objects are ECR's, and S3 still asks ECR's bucket policy).
 */
export function s3EndpointPolicy(
  arn: ArnContext,
  buckets: readonly pulumi.Input<string>[],
  clientBuckets: readonly pulumi.Input<string>[] = [],
): PolicyDocument {
  const statements: Statement[] = [];
  if (buckets.length > 0) {
    statements.push({
      Sid: "ThisStacksBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:*",
      Resource: bucketAndObjects(arn, buckets),
      Condition: {
        StringEquals: {
          "aws:PrincipalAccount": arn.accountId,
          "aws:ResourceAccount": arn.accountId,
        },
      },
    });
  }
  if (clientBuckets.length > 0) {
    statements.push({
      Sid: "ClientBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:*",
      Resource: bucketAndObjects(arn, clientBuckets),
      Condition: { StringEquals: { "aws:PrincipalAccount": arn.accountId } },
    });
  }
  return policyDocument([
    ...statements,
    {
      Sid: "EcrImageLayers",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: `${ecrLayerBucketArn(arn)}/*`,
    },
  ]);
}

/**
 * Policy of an interface endpoint other than S3: only principals of this account may call the
 * service through it. STS also admits `AssumeRoleWithWebIdentity` (IRSA), which carries no
 * principal account, for roles of this account only (`aws:ResourceAccount`).
 *
 * Every service the kit creates an interface endpoint for (INTERFACE_ENDPOINT_SERVICES: ECR API
 * and registry, STS, KMS, CloudWatch Logs, EC2, Elastic Load Balancing, Auto Scaling, Secrets
 * Manager) documents endpoint-policy support. AWS: "Not all AWS services support endpoint
 * policies. If an AWS service doesn't support endpoint policies, we allow full access to any
 * endpoint for the service" (check with `aws ec2 describe-vpc-endpoint-services`,
 * `VpcEndpointPolicySupported`); such a service must be listed in the policy pack's
 * `servicesWithoutPolicySupport` parameter of aws-ec2-vpcendpoint-require-policy, not given a
 * policy that would be ignored.
 */
export function accountEndpointPolicy(arn: ArnContext, service: string): PolicyDocument {
  const statements: Statement[] = [
    {
      Sid: "ThisAccountsPrincipals",
      Effect: "Allow",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalAccount": arn.accountId } },
    },
  ];
  if (service === "sts") {
    statements.push({
      Sid: "WebIdentityForThisAccountsRoles",
      Effect: "Allow",
      Principal: "*",
      Action: "sts:AssumeRoleWithWebIdentity",
      Resource: "*",
      Condition: { StringEquals: { "aws:ResourceAccount": arn.accountId } },
    });
  }
  return policyDocument(statements);
}
