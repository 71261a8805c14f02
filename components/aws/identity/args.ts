import type * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../shared/iam";
import type { Tags } from "../shared/tags";

export interface WorkloadRoleArgs {
  readonly oidcProviderArn: pulumi.Input<string>;
  /** The cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/...`). */
  readonly oidcIssuerUrl: pulumi.Input<string>;
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** Inline permissions; the role has no others unless `managedPolicyArns` is given. */
  readonly statements: readonly Statement[];
  /** AWS-managed policies, only for AWS's own add-ons (e.g. the VPC CNI). */
  readonly managedPolicyArns?: readonly string[];
  /**
   * IAM path (`/a/b/`), `/` when absent. Resource policies created before the role (a bucket's
   * perimeter, a key policy) name the roles of one purpose by it: `role/<path>*`.
   */
  readonly path?: string;
  readonly tags: Tags;
}
