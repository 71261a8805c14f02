import type * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { PrivateClusterArgs } from "./args";
import { CLUSTER_DEFAULTS } from "./defaults";

/** The Workload Identity pool of a project: Kubernetes service accounts federate through it. */
export const workloadPool = (project: string) => `${project}.svc.id.goog`;

/**
 * The GKE cluster's inputs: private nodes and endpoint (the public one only with
 * `publicEndpoint`), the admin allowlist as master authorized networks on every endpoint,
 * Workload Identity, Dataplane V2, Secrets encrypted with the cluster key, Binary Authorization
 * by the project policy, a release channel and maintenance window, no legacy ABAC and no client
 * certificate, intranode visibility, shielded nodes, system/API-server/workload logs, the
 * security posture dashboard, VPC-native addressing on the subnet's secondary ranges, deletion
 * protection. `nodeConfig` hardens the default pool GKE creates and then deletes.
 */
export function clusterInputs(
  args: PrivateClusterArgs,
  nodeConfig: gcp.types.input.container.ClusterNodeConfig,
): gcp.container.ClusterArgs {
  const d = CLUSTER_DEFAULTS;
  const secrets: pulumi.Input<string> = args.keys.secrets;
  return {
    project: args.project,
    location: args.location,
    name: args.clusterName,
    description: "enclave: private GKE cluster",
    network: args.network.networkSelfLink,
    subnetwork: args.network.subnetworkSelfLink,
    networkingMode: d.networkingMode,
    ipAllocationPolicy: {
      clusterSecondaryRangeName: args.network.podsRangeName,
      servicesSecondaryRangeName: args.network.servicesRangeName,
      stackType: "IPV4",
    },
    removeDefaultNodePool: d.removeDefaultNodePool,
    initialNodeCount: d.initialNodeCount,
    nodeConfig,
    privateClusterConfig: {
      enablePrivateNodes: true,
      enablePrivateEndpoint: !args.publicEndpoint,
      masterIpv4CidrBlock: args.controlPlaneCidr,
    },
    masterAuthorizedNetworksConfig: {
      cidrBlocks: args.adminCidrs.map((cidrBlock, i) => ({
        cidrBlock,
        displayName: `enclave-admin-${i}`,
      })),
      gcpPublicCidrsAccessEnabled: false,
      // The allowlist applies to the private endpoint too, not only to the public one.
      privateEndpointEnforcementEnabled: true,
    },
    // The DNS-based endpoint (IAM-gated) is not reachable from outside Google Cloud either.
    controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: false } },
    masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
    enableLegacyAbac: false,
    enableKubernetesAlpha: false,
    enableShieldedNodes: true,
    enableIntranodeVisibility: true,
    datapathProvider: d.datapathProvider,
    workloadIdentityConfig: { workloadPool: workloadPool(args.project) },
    databaseEncryption: { state: d.secretsEncryptionState, keyName: secrets },
    binaryAuthorization: { evaluationMode: d.binaryAuthorizationMode },
    releaseChannel: { channel: args.releaseChannel },
    maintenancePolicy: { recurringWindow: { ...args.maintenanceWindow } },
    loggingConfig: { enableComponents: [...d.loggingComponents] },
    monitoringConfig: {
      enableComponents: [...d.monitoringComponents],
      managedPrometheus: { enabled: true },
    },
    securityPostureConfig: { mode: args.securityPosture },
    // The PD CSI driver provisions the persistent disks (encrypted by a StorageClass key).
    addonsConfig: { gcePersistentDiskCsiDriverConfig: { enabled: true } },
    deletionProtection: true,
    resourceLabels: { ...args.labels },
  };
}
