import * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../shared/iam";

/**
 * The data perimeter of a bucket that holds tenant data, as bucket-policy statements (all Deny,
 * Principal `*`): who may touch the bucket at all, from where its data may be read or written,
 * and who may change the settings that protect it.
 */
export interface BucketPerimeter {
  /**
   * `aws:PrincipalArn` patterns (ArnLike) of every principal that may use the bucket: the
   * tenant's workload roles, the named administrators, the deploying principal, break-glass.
   * Every other principal of any account, and anonymous callers, are refused every S3 action.
   */
  readonly principals: pulumi.Input<string[]>;
  /**
   * Patterns of the principals that may change the bucket's protection (policy, versioning,
   * lifecycle, object lock) or delete it: break-glass and the deploying principal only.
   */
  readonly guardians: pulumi.Input<string[]>;
  /** Networks data requests may come from without a VPC endpoint: enclave:allowlist.users. */
  readonly sourceCidrs: readonly string[];
  /** The stack's VPC endpoints (aws:SourceVpce): the workloads' private path to S3. */
  readonly sourceVpceIds: readonly pulumi.Input<string>[];
}

/** Requests that read, write, list or delete the bucket's data (objects, versions, uploads). */
export const DATA_ACTIONS = [
  "s3:AbortMultipartUpload",
  "s3:DeleteObject*",
  "s3:GetObject*",
  "s3:ListBucket*",
  "s3:ListMultipartUploadParts",
  "s3:PutObject*",
  "s3:RestoreObject",
] as const;

/**
 * The settings that keep data recoverable and fenced; only guardians may change them.
 * DeleteBucketPolicy is denied with PutBucketPolicy, or deleting the policy would lift it all.
 */
export const GUARDED_ACTIONS = [
  "s3:DeleteBucket",
  "s3:DeleteBucketPolicy",
  "s3:PutBucketObjectLockConfiguration",
  "s3:PutBucketPolicy",
  "s3:PutBucketVersioning",
  "s3:PutLifecycleConfiguration",
] as const;

/** The perimeter's statements for the bucket `bucketArn`. */
export function perimeterStatements(
  bucketArn: pulumi.Input<string>,
  perimeter: BucketPerimeter,
): Statement[] {
  const bucketAndObjects = [bucketArn, pulumi.interpolate`${bucketArn}/*`];
  const network: Record<string, Record<string, pulumi.Input<string>[]>> = {
    // Both must fail for the Deny to apply: a request through one of the stack's endpoints
    // carries no aws:SourceIp; a browser using a signed URL from the users' networks carries
    // no aws:SourceVpce. A negated operator on an absent key matches, so the other decides.
    StringNotEquals: { "aws:SourceVpce": [...perimeter.sourceVpceIds] },
  };
  if (perimeter.sourceCidrs.length > 0) {
    network["NotIpAddress"] = { "aws:SourceIp": [...perimeter.sourceCidrs] };
  }
  return [
    {
      Sid: "DenyPrincipalsOutsidePerimeter",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: bucketAndObjects,
      Condition: { ArnNotLike: { "aws:PrincipalArn": perimeter.principals } },
    },
    {
      Sid: "DenyDataOutsideNetworks",
      Effect: "Deny",
      Principal: "*",
      Action: [...DATA_ACTIONS],
      Resource: bucketAndObjects,
      Condition: network,
    },
    {
      Sid: "DenyProtectionChangesButGuardians",
      Effect: "Deny",
      Principal: "*",
      Action: [...GUARDED_ACTIONS],
      Resource: bucketArn,
      Condition: { ArnNotLike: { "aws:PrincipalArn": perimeter.guardians } },
    },
  ];
}

/**
 * `aws:PrincipalArn` patterns for the caller `sts:GetCallerIdentity` reports. An assumed-role
 * session is its role, whose ARN also carries the role's path, which the session ARN omits: role
 * names are unique in an account, so `role/<name>` and `role/*\/<name>` name that one role.
 * Users, the account root and federated users are their own ARN.
 */
export function callerPrincipalPatterns(callerArn: string): string[] {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  if (m) {
    const [, partition, account, role] = m;
    return [
      `arn:${partition}:iam::${account}:role/${role}`,
      `arn:${partition}:iam::${account}:role/*/${role}`,
    ];
  }
  return [callerArn];
}

/** IAM path of the roles bound with tenant-storage access: `/enclave/<tenant>/<env>/tenant-storage/`. */
export function tenantStorageRolePath(tenant: string, environment: string): string {
  return `/enclave/${tenant}/${environment}/tenant-storage/`;
}

/** `arn:<partition>:iam::<account>:role<path>*`: every role on that path. */
export function rolePathPattern(
  partition: string,
  accountId: pulumi.Input<string>,
  path: string,
): pulumi.Output<string> {
  return pulumi.interpolate`arn:${partition}:iam::${accountId}:role${path}*`;
}

/** What a client-hosted tenant adds to its own bucket and key policies, as this stack's outputs. */
export interface ClientPolicyArgs {
  readonly partition: string;
  readonly region: string;
  readonly dnsSuffix: string;
  /** This stack's account: its workload roles call the client's bucket and key. */
  readonly accountId: pulumi.Input<string>;
  readonly bucketName: pulumi.Input<string>;
  /** `aws:PrincipalArn` pattern of this stack's tenant-storage roles. */
  readonly workloadPattern: pulumi.Input<string>;
  readonly sourceCidrs: readonly string[];
  readonly sourceVpceIds: readonly pulumi.Input<string>[];
}

export interface ClientPolicyStatements {
  readonly bucketPolicy: Statement[];
  readonly keyPolicy: Statement[];
  /** How the client cuts the stack's access, in the client's own account (no step of ours). */
  readonly revoke: string[];
}

/**
 * The statements a client pastes into its bucket policy and its key policy: this stack's
 * tenant-storage roles may use them (through S3 only, for that bucket only), no other principal
 * of this stack's account may, and this account's data requests come only through the stack's
 * VPC endpoints or from the users' networks. The client's own principals are left to the client.
 */
export function clientPolicyStatements(args: ClientPolicyArgs): ClientPolicyStatements {
  const bucketArn = pulumi.interpolate`arn:${args.partition}:s3:::${args.bucketName}`;
  const objects = pulumi.interpolate`${bucketArn}/*`;
  const account = pulumi.interpolate`arn:${args.partition}:iam::${args.accountId}:root`;
  const workloads = { ArnLike: { "aws:PrincipalArn": [args.workloadPattern] } };
  const fromThisAccount = { "aws:PrincipalAccount": [args.accountId] };
  const network: Record<string, Record<string, pulumi.Input<string>[]>> = {
    StringEquals: fromThisAccount,
    StringNotEquals: { "aws:SourceVpce": [...args.sourceVpceIds] },
  };
  if (args.sourceCidrs.length > 0) {
    network["NotIpAddress"] = { "aws:SourceIp": [...args.sourceCidrs] };
  }
  return {
    bucketPolicy: [
      {
        Sid: "EnclaveWorkloadsListBucket",
        Effect: "Allow",
        Principal: { AWS: account },
        Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
        Resource: bucketArn,
        Condition: workloads,
      },
      {
        Sid: "EnclaveWorkloadsObjects",
        Effect: "Allow",
        Principal: { AWS: account },
        Action: [
          "s3:AbortMultipartUpload",
          "s3:DeleteObject",
          "s3:GetObject",
          "s3:ListMultipartUploadParts",
          "s3:PutObject",
          "s3:PutObjectAcl",
        ],
        Resource: objects,
        Condition: workloads,
      },
      {
        Sid: "EnclaveDenyOtherPrincipalsOfStackAccount",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, objects],
        Condition: {
          StringEquals: fromThisAccount,
          ArnNotLike: { "aws:PrincipalArn": [args.workloadPattern] },
        },
      },
      {
        Sid: "EnclaveDenyDataOutsideNetworks",
        Effect: "Deny",
        Principal: "*",
        Action: [...DATA_ACTIONS],
        Resource: [bucketArn, objects],
        Condition: network,
      },
    ],
    revoke: [
      "Remove the Enclave* statements from the bucket policy: the stack's roles are then refused on every request (the bucket policy was their only grant in the client's account).",
      "Remove the Enclave* statements from the key policy, or disable the key: S3 then cannot decrypt or encrypt an object for them, so even a read through a grant left in the bucket policy fails.",
      "Either step takes effect within seconds and needs nothing from the operator; the objects stay in the client's bucket, under the client's key. Putting the statements back restores access.",
    ],
    keyPolicy: [
      {
        Sid: "EnclaveWorkloadsUseViaS3",
        Effect: "Allow",
        Principal: { AWS: account },
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
        Resource: "*",
        Condition: {
          StringEquals: {
            "kms:ViaService": [`s3.${args.region}.${args.dnsSuffix}`],
            "kms:CallerAccount": [args.accountId],
          },
          ArnLike: { "aws:PrincipalArn": [args.workloadPattern] },
          StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, objects] },
        },
      },
      {
        Sid: "EnclaveWorkloadsDescribeViaS3",
        Effect: "Allow",
        Principal: { AWS: account },
        Action: ["kms:DescribeKey"],
        Resource: "*",
        Condition: {
          StringEquals: { "kms:ViaService": [`s3.${args.region}.${args.dnsSuffix}`] },
          ArnLike: { "aws:PrincipalArn": [args.workloadPattern] },
        },
      },
    ],
  };
}
