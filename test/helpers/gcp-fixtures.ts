/**
 * Compliant gcp resource inputs (shapes of @pulumi/gcp 9.x) for the GCP policy tests. Each test
 * starts from one of these and changes one property with `mutate`.
 */
export const PROJECT = "enclave-prod";
export const KEY = `projects/${PROJECT}/locations/europe-west1/keyRings/enclave/cryptoKeys/data`;
export const NODE_SA = `gke-nodes@${PROJECT}.iam.gserviceaccount.com`;

export const NODE_CONFIG = {
  machineType: "e2-standard-4",
  imageType: "COS_CONTAINERD",
  serviceAccount: NODE_SA,
  oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
  bootDiskKmsKey: KEY,
  shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
  workloadMetadataConfig: { mode: "GKE_METADATA" },
};

/** The data labels every stateful resource carries (components/gcp/shared/labels.ts). */
export const DATA_LABELS = {
  "enclave-tenant": "acme",
  "enclave-environment": "prod",
  "enclave-classification": "confidential",
  "enclave-owner": "acme",
};

/** A private, hardened Standard cluster whose nodes live in separate NodePool resources. */
export const CLUSTER = {
  name: "enclave-gke",
  resourceLabels: DATA_LABELS,
  location: "europe-west1",
  network: "enclave-vpc",
  subnetwork: "enclave-nodes",
  removeDefaultNodePool: true,
  initialNodeCount: 1,
  deletionProtection: true,
  privateClusterConfig: {
    enablePrivateNodes: true,
    enablePrivateEndpoint: true,
    masterIpv4CidrBlock: "172.16.0.0/28",
  },
  masterAuthorizedNetworksConfig: {
    cidrBlocks: [{ cidrBlock: "10.10.0.0/16", displayName: "vpc" }],
  },
  databaseEncryption: { state: "ENCRYPTED", keyName: KEY },
  workloadIdentityConfig: { workloadPool: `${PROJECT}.svc.id.goog` },
  enableShieldedNodes: true,
  enableIntranodeVisibility: true,
  securityPostureConfig: { mode: "BASIC" },
  enableLegacyAbac: false,
  masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
  datapathProvider: "ADVANCED_DATAPATH",
  loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "APISERVER", "WORKLOADS"] },
  monitoringConfig: { enableComponents: ["SYSTEM_COMPONENTS"] },
  releaseChannel: { channel: "REGULAR" },
  binaryAuthorization: { evaluationMode: "PROJECT_SINGLETON_POLICY_ENFORCE" },
  ipAllocationPolicy: { clusterSecondaryRangeName: "pods", servicesSecondaryRangeName: "services" },
};

/** The same cluster keeping its default node pool, configured by `nodeConfig`. */
export const CLUSTER_WITH_DEFAULT_POOL = {
  ...CLUSTER,
  removeDefaultNodePool: false,
  nodeConfig: NODE_CONFIG,
};

export const NODE_POOL = {
  cluster: "projects/enclave-prod/locations/europe-west1/clusters/enclave-gke",
  location: "europe-west1",
  nodeCount: 1,
  management: { autoRepair: true, autoUpgrade: true },
  networkConfig: { enablePrivateNodes: true },
  nodeConfig: NODE_CONFIG,
};

export const SQL_INSTANCE = {
  databaseVersion: "POSTGRES_16",
  region: "europe-west1",
  encryptionKeyName: KEY,
  deletionProtection: true,
  settings: {
    tier: "db-custom-2-7680",
    userLabels: DATA_LABELS,
    availabilityType: "REGIONAL",
    deletionProtectionEnabled: true,
    ipConfiguration: {
      ipv4Enabled: false,
      privateNetwork: `projects/${PROJECT}/global/networks/enclave-vpc`,
      sslMode: "ENCRYPTED_ONLY",
    },
    backupConfiguration: {
      enabled: true,
      pointInTimeRecoveryEnabled: true,
      backupRetentionSettings: { retainedBackups: 14 },
    },
    databaseFlags: [
      { name: "cloudsql.iam_authentication", value: "on" },
      { name: "cloudsql.enable_pgaudit", value: "on" },
      { name: "pgaudit.log", value: "read,write,role,ddl" },
      { name: "pgaudit.log_parameter", value: "off" },
      { name: "log_connections", value: "on" },
      { name: "log_disconnections", value: "on" },
    ],
  },
};

export const BUCKET = {
  name: "enclave-prod-data",
  location: "EU",
  publicAccessPrevention: "enforced",
  uniformBucketLevelAccess: true,
  encryption: { defaultKmsKeyName: KEY },
  versioning: { enabled: true },
  logging: { logBucket: "enclave-prod-logs" },
  forceDestroy: false,
  labels: DATA_LABELS,
};

/** Data Access audit logs for Cloud Storage on the project: who read or wrote which object. */
export const STORAGE_AUDIT_CONFIG = {
  project: PROJECT,
  service: "storage.googleapis.com",
  auditLogConfigs: [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }, { logType: "ADMIN_READ" }],
};

export const CRYPTO_KEY = {
  keyRing: `projects/${PROJECT}/locations/europe-west1/keyRings/enclave`,
  purpose: "ENCRYPT_DECRYPT",
  rotationPeriod: "7776000s",
  destroyScheduledDuration: "2592000s",
  labels: DATA_LABELS,
};

export const SUBNETWORK = {
  network: "enclave-vpc",
  region: "europe-west1",
  ipCidrRange: "10.60.0.0/20",
  privateIpGoogleAccess: true,
  logConfig: {
    aggregationInterval: "INTERVAL_5_SEC",
    flowSampling: 1,
    metadata: "INCLUDE_ALL_METADATA",
  },
};

export const FIREWALL = {
  network: "enclave-vpc",
  direction: "INGRESS",
  sourceRanges: ["203.0.113.0/24"],
  allows: [{ protocol: "tcp", ports: ["443"] }],
  targetTags: ["gke-enclave"],
};

export const PROJECT_IAM_MEMBER = {
  project: PROJECT,
  role: "roles/container.developer",
  member: "group:devs@example.com",
};

/**
 * A deep copy of `base` with the property at a dotted path (numeric segments index existing arrays) set to
 * `value`, or removed when `value` is undefined. Missing intermediate objects are created.
 */
export function mutate(base: object, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(base) as Record<string, unknown>;
  const segments = path.split(".");
  let node: Record<string, unknown> = copy;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (typeof next !== "object" || next === null) {
      node[segment] = {};
    }
    node = node[segment] as Record<string, unknown>;
  }
  const last = segments[segments.length - 1]!;
  if (value === undefined) {
    delete node[last];
  } else {
    node[last] = value;
  }
  return copy;
}
