import { ExistingCluster } from "../../components/existing-cluster/cluster";
import * as pulumi from "@pulumi/pulumi";
import type { Platform, PlatformStorage } from "../../components/shared/platform";
import type { EnclaveConfig, ExistingClusterConfig } from "../config";
import type { TargetResult } from "./index";

/** Cloud metadata address blocked from every pod even on-prem (harmless where nothing answers). */
export const DEFAULT_METADATA_CIDRS = ["169.254.169.254/32"];
export const DEFAULT_DATABASE_PORT = 5432;
export const DEFAULT_OBJECT_STORE_REGION = "us-east-1";

/** The port of an https:// endpoint (443 when the URL names none). */
export function endpointPort(endpoint: string): number {
  const url = new URL(endpoint);
  return url.port === "" ? 443 : Number(url.port);
}

/**
 * Where the tenant's data goes: the client's store with isolation client-hosted (its endpoint,
 * bucket and the access keys it issued, which it can revoke), the operator's otherwise. The config
 * module has checked that exactly the right one is given (cross-existing-cluster.ts, and the
 * tenancy rule for enclave:clientHosted's fields).
 */
export function existingClusterStorage(config: EnclaveConfig): PlatformStorage {
  const k = config.kubernetes as ExistingClusterConfig;
  const hosted = config.isolation === "client-hosted" ? config.clientHosted : undefined;
  const store = hosted
    ? {
        bucket: hosted.bucketName,
        endpoint: hosted.endpoint!,
        region: hosted.region,
        cidrs: hosted.cidrs!,
        credentialsSecretName: hosted.credentialsSecretName!,
      }
    : k.objectStore!;
  return {
    provider: "minio",
    bucketName: store.bucket,
    region: store.region ?? DEFAULT_OBJECT_STORE_REGION,
    endpoint: store.endpoint,
    credentials: { secretName: store.credentialsSecretName, namespace: k.secretsNamespace },
    corsOrigins: [`https://${config.domain}`],
    network: { cidrs: store.cidrs, port: endpointPort(store.endpoint) },
  };
}

/**
 * What the kit does not isolate per tenant on an existing cluster, said at run time (a warning)
 * and as a stack output: it reaches the stores with credentials, so it creates no key of its own.
 */
export function notIsolated(config: EnclaveConfig): string[] {
  if (config.isolation === "shared") {
    return [];
  }
  return [
    ...(config.isolation === "dedicated"
      ? [
          "the bucket's encryption key: the operator's store encrypts with its own key (SSE-S3, or a KMS/KES key the operator sets as the bucket's default); the kit creates no per-tenant key and cannot verify one through access keys",
        ]
      : []),
    "the database server and its storage key: the tenant gets its own database and role on the operator's PostgreSQL server",
    "the cluster: nodes, etcd (and its Secrets encryption), the CNI and the audit log are the operator's (docs/existing-cluster.md, Prerequisites)",
  ];
}

/**
 * The Platform of an existing cluster. PostgreSQL and the S3-compatible store are the operator's:
 * their credentials stay in Kubernetes Secrets of `secretsNamespace` (copied into the tenant
 * namespace by the layer), TLS is verified on both (verify-full or verify-ca; https only).
 * There is no cloud identity: `bindServiceAccount` binds nothing and the store is reached with keys.
 */
export function existingClusterPlatform(config: EnclaveConfig, cluster: ExistingCluster): Platform {
  const k = config.kubernetes as ExistingClusterConfig;
  return {
    cloud: config.cloud,
    environment: config.environment,
    tenant: config.tenant,
    isolation: config.isolation,
    domain: config.domain,
    allowlist: config.allowlist,
    kubernetesProvider: cluster.provider,
    storage: existingClusterStorage(config),
    database: {
      engine: "postgres",
      host: k.database.host,
      port: k.database.port ?? DEFAULT_DATABASE_PORT,
      sslMode: k.database.sslMode ?? "verify-full",
      caBundlePem: cluster.databaseCaPem,
      cidrs: k.database.cidrs,
      adminCredentials: {
        kind: "kubernetes-secret",
        secretName: k.database.adminSecretName,
        namespace: k.secretsNamespace,
      },
    },
    ingress: {
      clusterCidrs: k.clusterCidrs,
      metadataCidrs: k.metadataCidrs ?? DEFAULT_METADATA_CIDRS,
      loadBalancerAnnotations: k.loadBalancerAnnotations ?? {},
      kubernetesApiCidrs: k.apiServerCidrs,
      // A throw-away CA unless enclave:app.tls says otherwise (required in prod: cross-kubernetes.ts).
      tls: { kind: "cert-manager", issuer: "self-signed" },
      // The operator's cluster runs its own cert-manager (enclave:app.tls.installCertManager: true
      // installs the kit's pinned one instead).
      certManager: "present",
    },
    // The cluster's own authentication names the operators' groups: enclave:app.operators.
    operatorGroups: [],
    bindServiceAccount: () => ({ serviceAccountAnnotations: {} }),
  };
}

/** `enclave:cloud: kubernetes`: an existing cluster reached by kubeconfig. */
export function buildExistingClusterTarget(config: EnclaveConfig): TargetResult {
  const k = config.kubernetes as ExistingClusterConfig;
  const cluster = new ExistingCluster("enclave-cluster", {
    context: k.context,
    kubeconfigPath: k.kubeconfigPath,
    secretsNamespace: k.secretsNamespace,
    databaseSecretName: k.database.adminSecretName,
  });
  const platform = existingClusterPlatform(config, cluster);
  const limits = notIsolated(config);
  for (const limit of limits) {
    pulumi.log.warn(
      `isolation ${config.isolation} on an existing cluster does not isolate ${limit}`,
    );
  }
  return {
    platform,
    dataStores: [
      {
        kind: "bucket",
        purpose:
          config.isolation === "client-hosted" ? "tenant-data (the client's)" : "tenant-data",
        name: platform.storage.bucketName,
      },
      { kind: "database", purpose: "tenant-data", name: k.database.host },
    ],
    outputs: {
      kubernetesContext: k.context ?? "(current context)",
      objectStoreEndpoint: platform.storage.endpoint,
      objectStoreBucket: platform.storage.bucketName,
      objectStoreOwner: config.isolation === "client-hosted" ? "client" : "operator",
      notIsolated: limits,
      databaseHost: k.database.host,
    },
  };
}
