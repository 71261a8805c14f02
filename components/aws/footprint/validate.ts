import { rdsRegionalCaBundle } from "../database/caBundle";
import { under, type Problem } from "../../shared/problems";
import { validateAllowlist, validateTenancy } from "../../shared/validate";
import type { ClientStoreUse } from "../../shared/platform";
import type { AwsFootprintArgs } from "./args";

/** The client's store on AWS: its S3 bucket and KMS key, reached with the app's IRSA roles. */
export const AWS_CLIENT_STORE: ClientStoreUse = {
  target: "AWS",
  required: {
    bucketName: "write the name of the S3 bucket the client created for you",
    kmsKeyArn:
      "set the ARN of the client's KMS key that encrypts the bucket, so the app's role can use it and nothing else",
  },
  refused: {
    endpoint: "remove it: on AWS the app reaches S3 through the VPC's own endpoint",
    region: "remove it: the client's bucket and key must be in aws:region",
    cidrs: "remove it: on AWS the app reaches S3 through the VPC's own endpoint",
    credentialsSecretName:
      "remove it: on AWS the app uses its IRSA roles (the client grants them in its bucket and key policies), never access keys",
  },
};

/**
 * Problems with the footprint's arguments, on their own paths, found before any resource is
 * created. stacks/config runs this once for a stack (mapping paths to config keys); the
 * component throws them when used directly.
 */
export function validateFootprintArgs(args: AwsFootprintArgs): Problem[] {
  const problems: Problem[] = [
    ...validateTenancy({ ...args, uses: AWS_CLIENT_STORE }),
    ...under("allowlist", validateAllowlist(args.allowlist)),
  ];
  if (
    args.settings.database.caBundlePem === undefined &&
    rdsRegionalCaBundle(args.region) === undefined
  ) {
    problems.push({
      path: "settings.database.caBundlePem",
      value: undefined,
      problem: `is required in region ${args.region}, whose RDS certificate authorities the kit does not ship`,
      fix: `paste the PEM bundle of ${args.region} from AWS's RDS trust store (${args.region}-bundle.pem)`,
    });
  }
  problems.push(...validateOperators(args));
  return problems;
}

/**
 * Operators are named: in prod the break-glass cluster-admin role trusts named principals only
 * (never the whole account, even with MFA), and a role is either break-glass or a tenant operator.
 */
export function validateOperators(
  args: Pick<AwsFootprintArgs, "environment" | "settings">,
): Problem[] {
  const s = args.settings;
  const problems: Problem[] = [];
  if (
    args.environment === "prod" &&
    s.clusterAdminPrincipals.length === 0 &&
    s.clusterAdminSsoRoleArns.length === 0
  ) {
    problems.push({
      path: "settings.clusterAdminPrincipals",
      value: s.clusterAdminPrincipals,
      problem:
        "is empty in prod, so the break-glass cluster-admin role would trust every principal of the account that has MFA",
      fix: "name the people who may break glass: their IAM role or user ARNs (trusted with MFA), or their IAM Identity Center permission-set roles in settings.clusterAdminSsoRoleArns",
    });
  }
  const admins = new Set(s.clusterAdminRoleArns);
  s.tenantOperatorRoleArns.forEach((arn, i) => {
    if (admins.has(arn)) {
      problems.push({
        path: `settings.tenantOperatorRoleArns[${i}]`,
        value: arn,
        problem: "is also in settings.clusterAdminRoleArns; a role has one EKS access entry",
        fix: "keep day-to-day roles in settings.tenantOperatorRoleArns only, and break-glass roles in settings.clusterAdminRoleArns only",
      });
    }
  });
  return problems;
}
