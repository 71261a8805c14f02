import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { ImagePull } from "./args";
import { NODE_PROJECT_ROLES, NODE_REGISTRY_ROLE } from "./defaults";

export interface NodeAccount {
  readonly account: gcp.serviceaccount.Account;
  /** Every grant, for the cluster and pool to wait on (nodes cannot log or pull before them). */
  readonly grants: readonly pulumi.Resource[];
}

/** `roles/logging.logWriter` -> `logging-logwriter`, for resource names. */
const short = (role: string) =>
  role
    .replace(/^roles\//, "")
    .replace(/\./g, "-")
    .toLowerCase();

/**
 * The nodes' own service account, never the Compute Engine default one (which holds Editor in
 * most projects): logs, metrics, monitoring reads, resource metadata, and Artifact Registry reads
 * on the repositories the images come from (project-wide only when they are not known).
 */
export function nodeAccount(
  name: string,
  args: { project: pulumi.Input<string>; accountId: string; imagePull: ImagePull },
  opts: pulumi.CustomResourceOptions,
): NodeAccount {
  const account = new gcp.serviceaccount.Account(
    `${name}-nodes`,
    {
      project: args.project,
      accountId: args.accountId,
      displayName: "enclave GKE nodes",
      description: "enclave: the GKE nodes' least-privilege identity (logs, metrics, image pulls)",
    },
    opts,
  );
  const projectRoles: string[] = [...NODE_PROJECT_ROLES];
  if (args.imagePull === "project") {
    projectRoles.push(NODE_REGISTRY_ROLE);
  }
  const grants: pulumi.Resource[] = projectRoles.map(
    (role) =>
      new gcp.projects.IAMMember(
        `${name}-nodes-${short(role)}`,
        { project: args.project, role, member: account.member },
        opts,
      ),
  );
  if (typeof args.imagePull === "object") {
    args.imagePull.repositories.forEach((repo, i) =>
      grants.push(
        new gcp.artifactregistry.RepositoryIamMember(
          `${name}-nodes-pull-${i}`,
          {
            project: repo.project ?? args.project,
            location: repo.location,
            repository: repo.repository,
            role: NODE_REGISTRY_ROLE,
            member: account.member,
          },
          opts,
        ),
      ),
    );
  }
  return { account, grants };
}
