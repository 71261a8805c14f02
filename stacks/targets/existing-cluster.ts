import { ExistingCluster } from "../../components/existing-cluster/cluster";
import type { Platform } from "../../components/shared/platform";
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
    storage: {
      provider: "minio",
      bucketName: k.objectStore.bucket,
      region: k.objectStore.region ?? DEFAULT_OBJECT_STORE_REGION,
      endpoint: k.objectStore.endpoint,
      credentials: {
        secretName: k.objectStore.credentialsSecretName,
        namespace: k.secretsNamespace,
      },
      corsOrigins: [`https://${config.domain}`],
      network: { cidrs: k.objectStore.cidrs, port: endpointPort(k.objectStore.endpoint) },
    },
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
  return {
    platform: existingClusterPlatform(config, cluster),
    outputs: {
      kubernetesContext: k.context ?? "(current context)",
      objectStoreEndpoint: k.objectStore.endpoint,
      objectStoreBucket: k.objectStore.bucket,
      databaseHost: k.database.host,
    },
  };
}
