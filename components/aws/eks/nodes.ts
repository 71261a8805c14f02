import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withPurpose, type Tags } from "../shared/tags";
import type { NodeGroupSettings } from "./args";
import { CAPACITY_TYPE, METADATA_OPTIONS, ROOT_DEVICE_NAME, ROOT_VOLUME } from "./defaults";

export interface NodeGroupArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly nodeRoleArn: pulumi.Input<string>;
  readonly subnetIds: readonly pulumi.Input<string>[];
  readonly volumesKeyArn: pulumi.Input<string>;
  readonly settings: NodeGroupSettings;
  readonly tags: Tags;
}

/**
 * The managed node group and its launch template: private subnets only, IMDSv2 with hop limit 1,
 * encrypted root volume, no SSH key, no remote access. Security groups are left to EKS, which
 * attaches the cluster security group (the one the database admits).
 */
export function createNodeGroup(
  name: string,
  args: NodeGroupArgs,
  parent: pulumi.Resource,
  dependsOn: pulumi.Resource[],
) {
  const tags = withPurpose(args.tags, "eks-nodes");
  const launchTemplate = new aws.ec2.LaunchTemplate(
    `${name}-nodes-lt`,
    {
      description: "enclave EKS nodes: IMDSv2 only, encrypted root volume, no SSH key",
      metadataOptions: { ...METADATA_OPTIONS },
      blockDeviceMappings: [
        {
          deviceName: ROOT_DEVICE_NAME,
          ebs: {
            ...ROOT_VOLUME,
            volumeSize: args.settings.diskSizeGiB,
            kmsKeyId: args.volumesKeyArn,
          },
        },
      ],
      updateDefaultVersion: true,
      tagSpecifications: [
        { resourceType: "instance", tags: { ...tags, Name: `${name}-node` } },
        { resourceType: "volume", tags: { ...tags, Name: `${name}-node-root` } },
      ],
      tags,
    },
    { parent },
  );
  const nodeGroup = new aws.eks.NodeGroup(
    `${name}-nodes`,
    {
      clusterName: args.clusterName,
      nodeRoleArn: args.nodeRoleArn,
      subnetIds: [...args.subnetIds],
      amiType: args.settings.amiType,
      capacityType: CAPACITY_TYPE,
      instanceTypes: [...args.settings.instanceTypes],
      scalingConfig: {
        minSize: args.settings.minSize,
        desiredSize: args.settings.desiredSize,
        maxSize: args.settings.maxSize,
      },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: {
        id: launchTemplate.id,
        version: launchTemplate.latestVersion.apply((v) => String(v)),
      },
      tags,
    },
    { parent, dependsOn },
  );
  return { launchTemplate, nodeGroup };
}
