import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { roleNamePrefix, serviceTrustPolicy } from "../shared/iam";
import { withPurpose, type Tags } from "../shared/tags";
import { CLUSTER_ROLE_POLICIES, NODE_ROLE_POLICIES } from "./defaults";

export const managedPolicyArn = (partition: string, policy: string) =>
  `arn:${partition}:iam::aws:policy/${policy}`;

/**
 * The EKS cluster role, created before the cluster key because the key policy names it.
 * Returns the role and its policy attachments (the cluster must wait for them).
 */
export function createClusterRole(
  name: string,
  partition: string,
  tags: Tags,
  parent: pulumi.Resource,
) {
  const role = new aws.iam.Role(
    `${name}-cluster-role`,
    {
      namePrefix: roleNamePrefix(`${name}-cluster-role`),
      description: "EKS control plane of this enclave cluster",
      assumeRolePolicy: serviceTrustPolicy("eks"),
      tags: withPurpose(tags, "eks-cluster"),
    },
    { parent },
  );
  const attachments = CLUSTER_ROLE_POLICIES.map(
    (policy) =>
      new aws.iam.RolePolicyAttachment(
        `${name}-cluster-${policy}`,
        { role: role.name, policyArn: managedPolicyArn(partition, policy) },
        { parent },
      ),
  );
  return { role, attachments };
}

/** The node role: join the cluster and pull images; nothing else. */
export function createNodeRole(
  name: string,
  partition: string,
  tags: Tags,
  parent: pulumi.Resource,
) {
  const role = new aws.iam.Role(
    `${name}-node-role`,
    {
      namePrefix: roleNamePrefix(`${name}-node-role`),
      description: "EKS managed nodes of this enclave cluster",
      assumeRolePolicy: serviceTrustPolicy("ec2"),
      tags: withPurpose(tags, "eks-nodes"),
    },
    { parent },
  );
  const attachments = NODE_ROLE_POLICIES.map(
    (policy) =>
      new aws.iam.RolePolicyAttachment(
        `${name}-node-${policy}`,
        { role: role.name, policyArn: managedPolicyArn(partition, policy) },
        { parent },
      ),
  );
  return { role, attachments };
}
