import type { Environment } from "../../shared/platform";

/**
 * Secure defaults of the enclave GKE cluster, its node pool and its image admission, in one
 * place. What a caller may choose is in args.ts (release channel, posture tier, node sizes,
 * maintenance window, admitted images); everything below is fixed.
 */

/** Release channels enclave accepts: both get patches on a known cadence without preview builds. */
export const RELEASE_CHANNELS = ["REGULAR", "STABLE"] as const;
export type ReleaseChannel = (typeof RELEASE_CHANNELS)[number];

/**
 * Kubernetes security posture tiers (the posture dashboard: workload configuration audit,
 * security bulletins). ENTERPRISE needs GKE Enterprise. Workload vulnerability scanning
 * (`vulnerabilityMode`) is left to GKE: Google removed it from GKE Standard edition on
 * 2025-07-31 (docs "Removal of vulnerability scanning from GKE"), so VULNERABILITY_BASIC can no
 * longer be turned on; image scanning belongs to Artifact Registry (Artifact Analysis).
 */
export const SECURITY_POSTURE_MODES = ["BASIC", "ENTERPRISE"] as const;
export type SecurityPostureMode = (typeof SECURITY_POSTURE_MODES)[number];

export const CLUSTER_DEFAULTS = {
  releaseChannel: "REGULAR",
  securityPosture: "BASIC",
  /** Dataplane V2 (eBPF, Cilium): NetworkPolicies are always enforced. */
  datapathProvider: "ADVANCED_DATAPATH",
  networkingMode: "VPC_NATIVE",
  /** System, workload and API-server logs to Cloud Logging (CIS GKE 5.7.1). */
  loggingComponents: ["SYSTEM_COMPONENTS", "APISERVER", "WORKLOADS"],
  monitoringComponents: ["SYSTEM_COMPONENTS", "APISERVER", "SCHEDULER", "CONTROLLER_MANAGER"],
  /** Binary Authorization: the project's singleton policy decides what runs. */
  binaryAuthorizationMode: "PROJECT_SINGLETON_POLICY_ENFORCE",
  /** Only the secrets; GKE encrypts the rest of etcd with Google-managed keys. */
  secretsEncryptionState: "ENCRYPTED",
  /**
   * The default pool GKE must create is deleted at once; the node pool resource holds the nodes.
   * Default SNAT stays on (the provider's default): pods reach the internet, when egress is
   * wanted, from the node's address through Cloud NAT, never from a public address of their own.
   */
  removeDefaultNodePool: true,
  initialNodeCount: 1,
} as const;

/**
 * Weekend maintenance: 8 hours on Saturday and Sunday (UTC). GKE needs 48 hours of availability
 * in any 32 days, in windows of at least 4 hours; this gives at least 64. The dates only anchor
 * the times of day and the recurrence.
 */
export const DEFAULT_MAINTENANCE_WINDOW = {
  startTime: "2026-01-03T01:00:00Z",
  endTime: "2026-01-03T09:00:00Z",
  recurrence: "FREQ=WEEKLY;BYDAY=SA,SU",
} as const;

/** Node image, metadata and boot disk: every pool, and the short-lived default pool, the same. */
export const NODE_DEFAULTS = {
  imageType: "COS_CONTAINERD",
  diskType: "pd-balanced",
  /** IAM decides what the node service account may do; the scope only lets it ask. */
  oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
  shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
  /** Pods see the GKE metadata server: their own Workload Identity, never the node's token. */
  workloadMetadataMode: "GKE_METADATA",
  metadata: { "disable-legacy-endpoints": "true" },
  /** The kubelet's unauthenticated read-only port 10255 closed (CIS GKE 4.2.4). */
  kubeletConfig: { insecureKubeletReadonlyPortEnabled: "FALSE" },
  management: { autoRepair: true, autoUpgrade: true },
  /** One extra node during upgrades, none taken away before its replacement is ready. */
  upgradeSettings: { strategy: "SURGE", maxSurge: 1, maxUnavailable: 0 },
  locationPolicy: "BALANCED",
} as const;

/** Node pool size and machine per environment (counts are per zone of the regional cluster). */
export interface NodePoolSettings {
  readonly machineType: string;
  /** Autoscaling bounds per zone; the pool starts at the minimum. */
  readonly minNodesPerZone: number;
  readonly maxNodesPerZone: number;
  readonly diskSizeGb: number;
}

export const NODE_POOL_DEFAULTS: Readonly<Record<Environment, NodePoolSettings>> = {
  dev: { machineType: "e2-standard-4", minNodesPerZone: 1, maxNodesPerZone: 2, diskSizeGb: 50 },
  staging: { machineType: "e2-standard-4", minNodesPerZone: 1, maxNodesPerZone: 3, diskSizeGb: 50 },
  prod: { machineType: "n2-standard-4", minNodesPerZone: 1, maxNodesPerZone: 4, diskSizeGb: 100 },
};

/**
 * The node service account's project roles: write logs and metrics, read monitoring data, write
 * resource metadata. Nothing else; no role on the project's other services.
 */
export const NODE_PROJECT_ROLES = [
  "roles/logging.logWriter",
  "roles/monitoring.metricWriter",
  "roles/monitoring.viewer",
  "roles/stackdriver.resourceMetadata.writer",
] as const;

/** Pulling images from Artifact Registry: on the named repositories, or (fallback) the project. */
export const NODE_REGISTRY_ROLE = "roles/artifactregistry.reader";

/**
 * The project's Binary Authorization policy: images not matched by an admitted pattern are
 * refused and the refusal is audit-logged. Google-maintained system images (GKE's own add-ons)
 * are admitted by the global policy, or no node would start its system pods.
 */
export const ADMISSION_DEFAULTS = {
  globalPolicyEvaluationMode: "ENABLE",
  defaultAdmissionRule: {
    evaluationMode: "ALWAYS_DENY",
    enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
  },
} as const;

/** The node pool's name inside the cluster. */
export const NODE_POOL_NAME = "enclave-nodes";
