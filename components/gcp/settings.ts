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

/** The Cloud SQL instance's size, availability and backups (by environment; not configurable yet). */
export interface GcpDatabaseSettings {
  /** A Cloud SQL Enterprise tier, e.g. `db-custom-2-7680` (2 vCPUs, 7.5 GB). */
  readonly tier: string;
  readonly diskSizeGb: number;
  /** `REGIONAL`: a standby in a second zone with synchronous replication and failover. */
  readonly availabilityType: "ZONAL" | "REGIONAL";
  /** Daily automated backups kept (point-in-time recovery within the last 7 days). */
  readonly retainedBackups: number;
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
  /**
   * Days a Diffgram storage key lives at most: two keys overlap, and the Secret switches to a new
   * one every half of this (see components/gcp/storage/rotation.ts).
   */
  readonly keyRotationDays: number;
  /** The range lent to Private Service Access: Cloud SQL's private address comes from it. */
  readonly databaseRangeCidr: string;
  readonly database: GcpDatabaseSettings;
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
  keyRotationDays: 90,
  databaseRangeCidr: "10.72.0.0/20",
  releaseChannel: CLUSTER_DEFAULTS.releaseChannel,
  securityPosture: CLUSTER_DEFAULTS.securityPosture,
} as const satisfies Omit<GcpSettings, "bucketRetention" | "database" | "nodes">;

/**
 * Defaults per environment: prod keeps every object 30 days under a locked policy; staging and
 * prod run the database with a standby in a second zone (REGIONAL), dev in one zone; node pools
 * grow with the environment (components/gcp/cluster/defaults.ts).
 */
export const GCP_ENVIRONMENT_DEFAULTS: Readonly<
  Record<
    Environment,
    {
      readonly bucketRetention?: BucketRetention;
      readonly database: GcpDatabaseSettings;
      readonly nodes: NodePoolSettings;
    }
  >
> = {
  dev: {
    nodes: NODE_POOL_DEFAULTS.dev,
    database: {
      tier: "db-custom-1-3840",
      diskSizeGb: 20,
      availabilityType: "ZONAL",
      retainedBackups: 7,
    },
  },
  staging: {
    nodes: NODE_POOL_DEFAULTS.staging,
    database: {
      tier: "db-custom-2-7680",
      diskSizeGb: 50,
      availabilityType: "REGIONAL",
      retainedBackups: 14,
    },
  },
  prod: {
    bucketRetention: { days: 30, locked: true },
    nodes: NODE_POOL_DEFAULTS.prod,
    database: {
      tier: "db-custom-4-15360",
      diskSizeGb: 100,
      availabilityType: "REGIONAL",
      retainedBackups: 30,
    },
  },
};
