import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  accountRoot,
  policyDocument,
  roleNamePrefix,
  toJson,
  type ArnContext,
  type Statement,
} from "../shared/iam";
import { breakGlassTags, withPurpose, type Tags } from "../shared/tags";

/**
 * Who may break glass: assume the cluster-admin role and the tenant bucket's break-glass role
 * (AwsSettings.clusterAdminPrincipals and clusterAdminSsoRoleArns).
 */
export interface BreakGlassTrust {
  /** IAM role or user ARNs, trusted only with MFA. */
  readonly principals: readonly string[];
  /** IAM Identity Center permission-set role ARNs (patterns), trusted by aws:PrincipalArn. */
  readonly ssoRoleArns: readonly string[];
}

/** The MFA condition: true only for sessions authenticated with an IAM MFA device. */
export const MFA_PRESENT = { Bool: { "aws:MultiFactorAuthPresent": "true" } } as const;

/**
 * The break-glass roles' trust statements (cluster admin, tenant bucket). Never the account root unconditionally:
 * - named principals, with MFA (`aws:MultiFactorAuthPresent`);
 * - IAM Identity Center permission-set roles, by `aws:PrincipalArn` on the account root: their
 *   sessions come from the IdP, which asserts MFA; AWS sets no MFA key on them, so the MFA
 *   condition would lock them out;
 * - neither (dev and staging only; prod refuses it): the account's principals, with MFA.
 */
export function breakGlassTrustStatements(
  trust: BreakGlassTrust,
  root: pulumi.Input<string>,
): Statement[] {
  const statements: Statement[] = [];
  if (trust.principals.length > 0) {
    statements.push({
      Sid: "NamedPrincipalsWithMfa",
      Effect: "Allow",
      Principal: { AWS: [...trust.principals] },
      Action: "sts:AssumeRole",
      Condition: MFA_PRESENT,
    });
  }
  if (trust.ssoRoleArns.length > 0) {
    statements.push({
      Sid: "SsoPermissionSetRoles",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: "sts:AssumeRole",
      Condition: { ArnLike: { "aws:PrincipalArn": [...trust.ssoRoleArns] } },
    });
  }
  if (statements.length === 0) {
    statements.push({
      Sid: "AccountPrincipalsWithMfa",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: "sts:AssumeRole",
      Condition: MFA_PRESENT,
    });
  }
  return statements;
}

/** Who may assume the break-glass roles, in one sentence (stack output `clusterAdminTrust`). */
export function describeBreakGlassTrust(trust: BreakGlassTrust): string {
  const who = [
    ...(trust.principals.length > 0 ? [`${trust.principals.join(", ")}, each with MFA`] : []),
    ...(trust.ssoRoleArns.length > 0
      ? [`IAM Identity Center roles matching ${trust.ssoRoleArns.join(", ")} (MFA by the IdP)`]
      : []),
  ];
  return who.length > 0
    ? `Break-glass roles (cluster admin, tenant bucket): assumable only by ${who.join("; and ")}.`
    : "Break-glass roles (cluster admin, tenant bucket): assumable by any principal of the account that IAM allows sts:AssumeRole, only with MFA (no named principals; prod requires them in enclave:aws.clusterAdminPrincipals).";
}

/**
 * The cluster-admin role: break-glass. Its access entry is the only cluster-wide admin the kit
 * creates besides enclave:aws.clusterAdminRoleArns; Pulumi's Kubernetes provider assumes it during
 * `pulumi up`, and people assume it only for what the tenant-operator Role cannot do.
 */
export function createClusterAdminRole(
  name: string,
  args: {
    readonly clusterName: string;
    readonly ctx: ArnContext;
    readonly trust: BreakGlassTrust;
    readonly tags: Tags;
  },
  parent: pulumi.Resource,
): aws.iam.Role {
  const { ctx } = args;
  const role = new aws.iam.Role(
    `${name}-cluster-admin`,
    {
      namePrefix: roleNamePrefix(`${name}-cluster-admin`),
      description: `Break-glass cluster admin of ${args.clusterName} (EKS access entry); assumed by Pulumi and, in an incident, by named operators with MFA`,
      assumeRolePolicy: toJson(
        policyDocument(breakGlassTrustStatements(args.trust, accountRoot(ctx))),
      ),
      maxSessionDuration: 3600,
      tags: breakGlassTags(withPurpose(args.tags, "cluster-admin")),
    },
    { parent },
  );
  new aws.iam.RolePolicy(
    `${name}-cluster-admin-describe`,
    {
      role: role.name,
      policy: toJson(
        policyDocument([
          {
            Sid: "DescribeThisCluster",
            Effect: "Allow",
            Action: ["eks:DescribeCluster"],
            Resource: pulumi.interpolate`arn:${ctx.partition}:eks:${ctx.region}:${ctx.accountId}:cluster/${args.clusterName}`,
          },
        ]),
      ),
    },
    { parent },
  );
  return role;
}
