import type { Environment } from "../shared/platform";
import {
  CLUSTER_DEFAULTS,
  NODE_POOL_DEFAULTS,
  type NodePoolSettings,
  type ReleaseChannel,
  type SecurityPostureMode,
} from "./cluster/defaults";

/**
 * The GCP target's settings after the stack's config filled them in: one value per field, every
 * unset field taking the secure default below. The config module (stacks/config/gcp-settings.ts)
 * resolves them; the components receive them as typed arguments.
 */
export interface GcpNetworkRanges {
  /** Primary range of the nodes' subnet. */
  readonly subnetCidr: string;
  /** Secondary range of the subnet for pod addresses (VPC-native cluster). */
  readonly podsCidr: string;
  /** Secondary range of the subnet for Service ClusterIPs. */
  readonly servicesCidr: string;
  /** The GKE control plane's private /28 (peered into the VPC). */
  readonly controlPlaneCidr: string;
}

export const KEY_PROTECTION_LEVELS = ["SOFTWARE", "HSM"] as const;
export type KeyProtectionLevel = (typeof KEY_PROTECTION_LEVELS)[number];

/** A bucket retention policy: objects cannot be deleted or overwritten for `days`. */
export interface BucketRetention {
  readonly days: number;
  /** Locked: nobody, the project owner included, can shorten or remove the policy. */
  readonly locked: boolean;
}

export interface GcpSettings {
  readonly ranges: GcpNetworkRanges;
  /** No Cloud NAT and no internet route: Google APIs through restricted.googleapis.com only. */
  readonly airGapped: boolean;
  /** Opt-out: a public control-plane endpoint, reachable from enclave:allowlist.admin only. */
  readonly publicEndpoint: boolean;
  readonly keyProtectionLevel: KeyProtectionLevel;
  /** Days the access and audit logs are kept. */
  readonly logRetentionDays: number;
  /** Days overwritten or deleted object versions are kept. */
  readonly noncurrentVersionRetentionDays: number;
  /** The tenant bucket's retention policy; none when absent. */
  readonly bucketRetention?: BucketRetention;
  /** The GKE cluster's release channel. */
  readonly releaseChannel: ReleaseChannel;
  /** The Kubernetes security posture tier (ENTERPRISE needs GKE Enterprise). */
  readonly securityPosture: SecurityPostureMode;
  /** The node pool's machine, disk and autoscaling bounds per zone. */
  readonly nodes: NodePoolSettings;
}

/** Defaults that do not depend on the environment. */
export const GCP_COMMON_DEFAULTS = {
  ranges: {
    subnetCidr: "10.60.0.0/20",
    podsCidr: "10.64.0.0/14",
    servicesCidr: "10.68.0.0/20",
    controlPlaneCidr: "172.16.0.16/28",
  },
  airGapped: false,
  publicEndpoint: false,
  keyProtectionLevel: "SOFTWARE",
  logRetentionDays: 365,
  noncurrentVersionRetentionDays: 90,
  releaseChannel: CLUSTER_DEFAULTS.releaseChannel,
  securityPosture: CLUSTER_DEFAULTS.securityPosture,
} as const satisfies Omit<GcpSettings, "bucketRetention" | "nodes">;

/**
 * Defaults per environment: prod keeps every object 30 days under a locked policy; node pools
 * grow with the environment (components/gcp/cluster/defaults.ts).
 */
export const GCP_ENVIRONMENT_DEFAULTS: Readonly<
  Record<
    Environment,
    { readonly bucketRetention?: BucketRetention; readonly nodes: NodePoolSettings }
  >
> = {
  dev: { nodes: NODE_POOL_DEFAULTS.dev },
  staging: { nodes: NODE_POOL_DEFAULTS.staging },
  prod: { bucketRetention: { days: 30, locked: true }, nodes: NODE_POOL_DEFAULTS.prod },
};
