import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../shared/tags";
import { CLUSTER_ADMIN_ACCESS_POLICY } from "./defaults";

/** An access entry and a cluster-wide admin policy association for each admin role. */
export function createAdminAccess(
  name: string,
  clusterName: pulumi.Input<string>,
  partition: string,
  adminRoleArns: readonly pulumi.Input<string>[],
  tags: Tags,
  parent: pulumi.Resource,
) {
  return adminRoleArns.map((principalArn, i) => {
    const entry = new aws.eks.AccessEntry(
      `${name}-admin-${i}`,
      { clusterName, principalArn, type: "STANDARD", tags },
      { parent },
    );
    const association = new aws.eks.AccessPolicyAssociation(
      `${name}-admin-${i}`,
      {
        clusterName,
        principalArn,
        policyArn: `arn:${partition}:eks::aws:cluster-access-policy/${CLUSTER_ADMIN_ACCESS_POLICY}`,
        accessScope: { type: "cluster" },
      },
      { parent, dependsOn: [entry] },
    );
    return { entry, association };
  });
}
