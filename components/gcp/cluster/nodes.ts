import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { Labels } from "../shared/labels";
import { NODE_DEFAULTS, NODE_POOL_NAME, type NodePoolSettings } from "./defaults";

/**
 * The configuration of every enclave node: COS with containerd, Shielded VM with secure boot
 * and integrity monitoring, the boot disk encrypted with the volumes key, the node service
 * account, the GKE metadata server (legacy metadata endpoints off), the kubelet's read-only port
 * closed.
 */
export function nodeConfig(args: {
  readonly settings: NodePoolSettings;
  readonly serviceAccountEmail: pulumi.Input<string>;
  readonly volumesKey: pulumi.Input<string>;
  readonly labels: Labels;
}): gcp.types.input.container.NodePoolNodeConfig {
  const d = NODE_DEFAULTS;
  return {
    machineType: args.settings.machineType,
    imageType: d.imageType,
    diskType: d.diskType,
    diskSizeGb: args.settings.diskSizeGb,
    bootDiskKmsKey: args.volumesKey,
    serviceAccount: args.serviceAccountEmail,
    oauthScopes: [...d.oauthScopes],
    shieldedInstanceConfig: { ...d.shieldedInstanceConfig },
    workloadMetadataConfig: { mode: d.workloadMetadataMode },
    metadata: { ...d.metadata },
    kubeletConfig: { ...d.kubeletConfig },
    resourceLabels: { ...args.labels },
  };
}

/** The enclave node pool: private nodes, autoscaled per zone, repaired and upgraded by GKE. */
export function nodePool(
  name: string,
  args: {
    readonly project: pulumi.Input<string>;
    readonly location: string;
    readonly clusterId: pulumi.Input<string>;
    readonly settings: NodePoolSettings;
    readonly config: gcp.types.input.container.NodePoolNodeConfig;
  },
  opts: pulumi.CustomResourceOptions,
): gcp.container.NodePool {
  const d = NODE_DEFAULTS;
  return new gcp.container.NodePool(
    name,
    {
      project: args.project,
      location: args.location,
      cluster: args.clusterId,
      name: NODE_POOL_NAME,
      initialNodeCount: args.settings.minNodesPerZone,
      autoscaling: {
        minNodeCount: args.settings.minNodesPerZone,
        maxNodeCount: args.settings.maxNodesPerZone,
        locationPolicy: d.locationPolicy,
      },
      management: { ...d.management },
      upgradeSettings: { ...d.upgradeSettings },
      networkConfig: { enablePrivateNodes: true },
      nodeConfig: args.config,
    },
    // The autoscaler owns the node count after creation.
    { ...opts, ignoreChanges: ["initialNodeCount"] },
  );
}
