import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, roleNamePrefix, toJson } from "../shared/iam";
import { withPurpose } from "../shared/tags";
import type { WorkloadRoleArgs } from "./args";
import { irsaTrustPolicy } from "./trust";
import { validateWorkloadRoleArgs } from "./validate";

/** The service-account annotation the EKS pod identity webhook reads (IRSA). */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";
/** Makes the SDK use the regional STS endpoint (reachable through the VPC endpoint). */
export const IRSA_REGIONAL_STS_ANNOTATION = "eks.amazonaws.com/sts-regional-endpoints";

/**
 * An IAM role for one Kubernetes service account (IRSA): assumable only with that account's
 * token, holding only the permissions given.
 */
export class WorkloadRole extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;
  public readonly roleName: pulumi.Output<string>;
  /** Annotations to put on the service account. */
  public readonly serviceAccountAnnotations: Readonly<Record<string, pulumi.Input<string>>>;

  constructor(name: string, args: WorkloadRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:aws:WorkloadRole", name, {}, opts);
    const problems = validateWorkloadRoleArgs(name, args);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(problems.join("\n"), this);
    }
    const tags = withPurpose(args.tags, "workload-identity", {
      "enclave:service-account": `${args.namespace}/${args.serviceAccountName}`,
    });
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        namePrefix: roleNamePrefix(`${name}-role`),
        ...(args.path !== undefined ? { path: args.path } : {}),
        description: `IRSA role of service account ${args.namespace}/${args.serviceAccountName}`,
        assumeRolePolicy: irsaTrustPolicy(
          args.oidcProviderArn,
          args.oidcIssuerUrl,
          args.namespace,
          args.serviceAccountName,
        ),
        maxSessionDuration: 3600,
        tags,
      },
      { parent: this },
    );
    if (args.statements.length > 0) {
      new aws.iam.RolePolicy(
        `${name}-policy`,
        { role: role.name, policy: toJson(policyDocument(args.statements)) },
        { parent: this },
      );
    }
    (args.managedPolicyArns ?? []).forEach(
      (policyArn, i) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-managed-${i}`,
          { role: role.name, policyArn },
          { parent: this },
        ),
    );

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.serviceAccountAnnotations = {
      [IRSA_ROLE_ANNOTATION]: role.arn,
      [IRSA_REGIONAL_STS_ANNOTATION]: "true",
    };
    this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
  }
}
