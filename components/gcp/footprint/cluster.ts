import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_MAINTENANCE_WINDOW, PrivateCluster } from "../cluster";
import type { TenantKeyRing } from "../kms";
import { PrivateNetwork } from "../network";
import type { GcpSettings } from "../settings";
import type { gcpNames } from "./naming";

export interface ClusterNetworkArgs {
  readonly project: string;
  readonly region: string;
  readonly names: ReturnType<typeof gcpNames>;
  readonly settings: GcpSettings;
  /** enclave:allowlist.admin: the control plane's authorized networks. */
  readonly adminCidrs: readonly string[];
  /** Holds the `cluster` (secrets) and `volumes` (boot disks) keys. */
  readonly keyRing: TenantKeyRing<"cluster" | "volumes">;
  /** Binary Authorization: the image patterns the cluster admits. */
  readonly admittedImages: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The private VPC and the private GKE cluster on it, with the kit's settings: one place for a
 * tenant with its own cluster (GcpFootprint) and a platform (GcpPlatform), which differ only in
 * the images the cluster admits. `opts` waits for the project's APIs.
 */
export function createClusterNetwork(
  name: string,
  a: ClusterNetworkArgs,
  opts: pulumi.ComponentResourceOptions,
): { network: PrivateNetwork; cluster: PrivateCluster } {
  const s = a.settings;
  const network = new PrivateNetwork(
    `${name}-network`,
    {
      project: a.project,
      region: a.region,
      namePrefix: a.names.prefix,
      ranges: s.ranges,
      airGapped: s.airGapped,
    },
    opts,
  );
  const cluster = new PrivateCluster(
    `${name}-cluster`,
    {
      project: a.project,
      location: a.region,
      clusterName: a.names.clusterName,
      nodeAccountId: a.names.nodeAccount,
      network,
      controlPlaneCidr: s.ranges.controlPlaneCidr,
      adminCidrs: a.adminCidrs,
      publicEndpoint: s.publicEndpoint,
      keys: { secrets: a.keyRing.keyIds.cluster, volumes: a.keyRing.keyIds.volumes },
      keyGrants: [a.keyRing],
      releaseChannel: s.releaseChannel,
      securityPosture: s.securityPosture,
      maintenanceWindow: DEFAULT_MAINTENANCE_WINDOW,
      nodes: s.nodes,
      imagePull: "none",
      admittedImages: a.admittedImages,
      labels: a.labels,
    },
    opts,
  );
  return { network, cluster };
}
