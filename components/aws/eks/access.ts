import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { breakGlassTags, withPurpose, type Tags } from "../shared/tags";
import { CLUSTER_ADMIN_ACCESS_POLICY, TENANT_OPERATOR_GROUP } from "./defaults";

/**
 * Break-glass: an access entry (tagged `enclave:break-glass`) and a cluster-wide admin policy
 * association for each admin role.
 */
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
      {
        clusterName,
        principalArn,
        type: "STANDARD",
        tags: breakGlassTags(withPurpose(tags, "cluster-admin")),
      },
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

/**
 * Day-to-day access: an access entry per tenant-operator role, mapped to TENANT_OPERATOR_GROUP and
 * given no access policy. Kubernetes RBAC alone decides what the group may do: the app layer binds
 * it to the tenant-operator Role in the tenant namespace, and to nothing else.
 */
export function createOperatorAccess(
  name: string,
  clusterName: pulumi.Input<string>,
  operatorRoleArns: readonly pulumi.Input<string>[],
  tags: Tags,
  parent: pulumi.Resource,
) {
  return operatorRoleArns.map(
    (principalArn, i) =>
      new aws.eks.AccessEntry(
        `${name}-operator-${i}`,
        {
          clusterName,
          principalArn,
          type: "STANDARD",
          kubernetesGroups: [TENANT_OPERATOR_GROUP],
          tags: withPurpose(tags, "tenant-operator"),
        },
        { parent },
      ),
  );
}
