import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { Allowlist } from "../../shared/platform";
import { Cluster } from "../eks/cluster";
import type { EncryptionKey } from "../kms";
import { INTERFACE_ENDPOINT_SERVICES } from "../network/defaults";
import { Network } from "../network/network";
import type { FootprintContext } from "./context";
import type { AwsSettings } from "./defaults";
import { resolveZones } from "./zones";

export interface ClusterNetworkArgs {
  readonly context: Pick<FootprintContext, "names" | "ctx" | "dnsSuffix" | "tags">;
  readonly settings: AwsSettings;
  readonly allowlist: Allowlist;
  /** This account's buckets (names or patterns) the S3 endpoints admit. */
  readonly s3Buckets: readonly pulumi.Input<string>[];
  /** Other accounts' buckets, by exact name (client-hosted). */
  readonly s3ClientBuckets: readonly pulumi.Input<string>[];
  readonly keys: {
    readonly logs: EncryptionKey;
    readonly cluster: EncryptionKey;
    readonly volumes: EncryptionKey;
  };
  readonly clusterRole: { readonly role: aws.iam.Role; readonly attachments: pulumi.Resource[] };
  /** The break-glass cluster-admin role (and the settings' extra admin roles follow it). */
  readonly adminRoleArn: pulumi.Input<string>;
  /** Roles given the tenant-operator access entry. */
  readonly operatorRoleArns: readonly string[];
}

/**
 * The VPC (with its endpoints and flow logs) and the private EKS cluster on it, with the kit's
 * settings: one place for a tenant with its own cluster (AwsFootprint) and a platform
 * (AwsPlatform), which differ only in the buckets the S3 endpoints admit and the operators mapped.
 */
export function createClusterNetwork(
  name: string,
  a: ClusterNetworkArgs,
  parent: pulumi.Resource,
): { network: Network; cluster: Cluster } {
  const s = a.settings;
  const { names, ctx, dnsSuffix, tags } = a.context;
  const network = new Network(
    `${name}-network`,
    {
      vpcCidr: s.vpcCidr,
      availabilityZones: resolveZones(s.availabilityZones, parent),
      nat: s.nat,
      publicSubnets: s.nat !== "none" || s.ingressScheme === "internet-facing",
      clusterName: names.clusterName,
      arn: ctx,
      dnsSuffix,
      interfaceEndpoints: INTERFACE_ENDPOINT_SERVICES,
      s3Buckets: a.s3Buckets,
      ...(a.s3ClientBuckets.length > 0 ? { s3ClientBuckets: a.s3ClientBuckets } : {}),
      flowLogs: {
        logGroupName: names.flowLogGroup,
        kmsKeyArn: a.keys.logs.keyArn,
        retentionInDays: s.logRetentionDays,
      },
      tags,
    },
    { parent },
  );
  const cluster = new Cluster(
    `${name}-cluster`,
    {
      clusterName: names.clusterName,
      kubernetesVersion: s.kubernetesVersion,
      addonVersions: s.addonVersions,
      arn: ctx,
      dnsSuffix,
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      publicEndpoint: s.publicApiEndpoint,
      adminCidrs: a.allowlist.admin,
      clusterRole: a.clusterRole.role,
      secretsKeyArn: a.keys.cluster.keyArn,
      volumesKeyArn: a.keys.volumes.keyArn,
      logs: { kmsKeyArn: a.keys.logs.keyArn, retentionInDays: s.logRetentionDays },
      ...(s.containerLogs ? { containerLogs: { addonVersion: s.observabilityAddonVersion } } : {}),
      adminRoleArns: [a.adminRoleArn, ...s.clusterAdminRoleArns],
      operatorRoleArns: a.operatorRoleArns,
      nodes: {
        instanceTypes: s.nodeInstanceTypes,
        amiType: s.nodeAmiType,
        minSize: s.nodeSizes.min,
        desiredSize: s.nodeSizes.desired,
        maxSize: s.nodeSizes.max,
        diskSizeGiB: s.nodeDiskSizeGiB,
      },
      tags,
    },
    { parent, dependsOn: a.clusterRole.attachments },
  );
  return { network, cluster };
}
