import * as pulumi from "@pulumi/pulumi";
import type { ServiceAccountBinding, WorkloadIdentity } from "../../shared/platform";
import type { Statement } from "../shared/iam";
import type { Tags } from "../shared/tags";
import { tenantStorageRolePath } from "../storage/perimeter";
import { WorkloadRole } from "./workloadRole";

export interface IrsaBinderArgs {
  /** Names the roles (`<name>-<binding>`) and the errors (`<owner> <name>: ...`). */
  readonly name: string;
  readonly owner: string;
  readonly parent: pulumi.Resource;
  readonly tenant: string;
  readonly environment: string;
  /** The cluster's IAM OIDC provider (the stack's own, or its platform's). */
  readonly oidcProviderArn: pulumi.Input<string>;
  readonly oidcIssuerUrl: pulumi.Input<string>;
  readonly tags: Tags;
  /** The statements of one access; may throw (a ResourceError) for an access the stack cannot give. */
  readonly statementsFor: (
    access: Exclude<ServiceAccountBinding["access"], "none">,
    request: ServiceAccountBinding,
  ) => readonly Statement[];
}

/**
 * Platform.bindServiceAccount on AWS, one place for AwsFootprint and AwsTenant: nothing for
 * `none`; otherwise one IRSA role per binding name, trusted by that namespace's service account
 * through the OIDC provider, with the access's statements. Tenant-storage roles sit on the
 * tenant's IAM path, which the bucket's perimeter and the storage key admit.
 */
export function createIrsaBinder(a: IrsaBinderArgs): {
  bind(request: ServiceAccountBinding): WorkloadIdentity;
  roleArns(): Record<string, pulumi.Output<string>>;
} {
  const bindings = new Map<string, pulumi.Output<string>>();
  return {
    bind(request) {
      if (request.access === "none") {
        return { serviceAccountAnnotations: {} };
      }
      if (bindings.has(request.name)) {
        throw new pulumi.ResourceError(
          `${a.owner} ${a.name}: bindServiceAccount was called twice with name "${request.name}". Fix: give each binding its own name`,
          a.parent,
        );
      }
      const statements = a.statementsFor(request.access, request);
      const role = new WorkloadRole(
        `${a.name}-${request.name}`,
        {
          ...(request.access === "tenant-storage"
            ? { path: tenantStorageRolePath(a.tenant, a.environment) }
            : {}),
          oidcProviderArn: a.oidcProviderArn,
          oidcIssuerUrl: a.oidcIssuerUrl,
          namespace: request.namespace,
          serviceAccountName: request.serviceAccountName,
          statements,
          tags: a.tags,
        },
        { parent: a.parent },
      );
      bindings.set(request.name, role.roleArn);
      return { serviceAccountAnnotations: role.serviceAccountAnnotations };
    },
    roleArns: () => Object.fromEntries(bindings),
  };
}
