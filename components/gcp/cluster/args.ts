import type * as pulumi from "@pulumi/pulumi";
import type { Labels } from "../shared/labels";
import type { NodePoolSettings, ReleaseChannel, SecurityPostureMode } from "./defaults";

/** The VPC the cluster runs in: what `PrivateNetwork` exposes (pass the component itself). */
export interface ClusterNetwork {
  readonly networkSelfLink: pulumi.Input<string>;
  readonly subnetworkSelfLink: pulumi.Input<string>;
  /** The subnet's secondary ranges for pods and Services (VPC-native). */
  readonly podsRangeName: string;
  readonly servicesRangeName: string;
}

/** The tenant key ring's keys the cluster uses (`TenantKeyRing.keyIds.cluster` / `.volumes`). */
export interface ClusterKeys {
  /** Application-layer encryption of Kubernetes Secrets. */
  readonly secrets: pulumi.Input<string>;
  /** The nodes' boot disks. */
  readonly volumes: pulumi.Input<string>;
}

/** An Artifact Registry repository the nodes pull images from. */
export interface ImageRepository {
  readonly project?: pulumi.Input<string>;
  /** The repository's location, e.g. `europe-west1` or `europe`. */
  readonly location: string;
  /** The repository id (the last segment of its name). */
  readonly repository: string;
}

/**
 * Where the nodes may pull from Artifact Registry: reader on the named repositories only, on
 * every repository of the project (`project`, when the repositories are not known: broader,
 * still read-only), or nowhere (`none`: every image comes from another registry).
 */
export type ImagePull = { readonly repositories: readonly ImageRepository[] } | "project" | "none";

/** A recurring maintenance window (RFC 3339 times anchoring an RFC 5545 recurrence). */
export interface MaintenanceWindow {
  readonly startTime: string;
  readonly endTime: string;
  readonly recurrence: string;
}

export interface PrivateClusterArgs {
  /** The project id (also names the Workload Identity pool, `<project>.svc.id.goog`). */
  readonly project: string;
  /** The region: the cluster is regional (control plane and nodes in every zone). */
  readonly location: string;
  /** GKE cluster name: 1-40 lower-case letters, digits and hyphens, starting with a letter. */
  readonly clusterName: string;
  /** The node service account's id: 6-30 lower-case letters, digits and hyphens. */
  readonly nodeAccountId: string;
  readonly network: ClusterNetwork;
  /** The control plane's private /28 (enclave:gcp.controlPlaneCidr). */
  readonly controlPlaneCidr: string;
  /**
   * enclave:allowlist.admin: the master authorized networks, enforced on the private endpoint
   * (and on the public one when `publicEndpoint`). Private ranges unless `publicEndpoint`.
   */
  readonly adminCidrs: readonly string[];
  /** Opt-out (enclave:gcp.publicEndpoint): also a public endpoint, limited to `adminCidrs`. */
  readonly publicEndpoint: boolean;
  readonly keys: ClusterKeys;
  /**
   * What grants the service agents the keys (the `TenantKeyRing`, whose bindings give GKE's agent
   * the secrets key and Compute Engine's agent the volumes key): the cluster and its nodes wait
   * for it, since GKE checks the key when it creates them. This component grants no key itself.
   */
  readonly keyGrants: readonly pulumi.Resource[];
  readonly releaseChannel: ReleaseChannel;
  readonly securityPosture: SecurityPostureMode;
  readonly maintenanceWindow: MaintenanceWindow;
  readonly nodes: NodePoolSettings;
  readonly imagePull: ImagePull;
  /**
   * Binary Authorization admission patterns of the project policy (every other image is
   * refused): `<registry>/<path>` followed by a trailing `*` (within one path segment) or `**`,
   * e.g. from `admissionPatterns(images)`. Never a whole registry.
   */
  readonly admittedImages: readonly string[];
  readonly labels: Labels;
}
