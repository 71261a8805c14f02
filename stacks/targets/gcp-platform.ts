import * as pulumi from "@pulumi/pulumi";
import { CertManager } from "../../components/app/cert-manager/cert-manager";
import { IMAGE_NAMES, upstreamReference, type ImageName } from "../../components/app/images";
import { admissionPatterns } from "../../components/gcp/cluster";
import { GKE_METADATA_CIDRS, STORAGE_AUDIT_LOG_TYPES } from "../../components/gcp/footprint";
import { GcpPlatform } from "../../components/gcp/platform";
import type { EnclaveConfig } from "../config";
import { resolveGcpSettings } from "../config/gcp-settings";
import type { GcpPlatformOutputName } from "./gcp-platform-outputs";

function pinned(name: ImageName): string {
  const reference = upstreamReference(name);
  if (reference === undefined) {
    throw new Error(`components/app/images.ts pins no digest for ${name}`);
  }
  return reference;
}

/**
 * What the project's Binary Authorization policy admits on a platform: the repositories of every
 * upstream image the kit pins (cert-manager here; Keycloak, RabbitMQ, Traefik, ... in each
 * tenant), and everything under the tenants' mirrors (enclave:gcp.tenantImageRepositories).
 */
export function platformAdmittedImages(tenantRepositories: readonly string[]): string[] {
  const upstream = IMAGE_NAMES.map(upstreamReference).filter((r): r is string => r !== undefined);
  return [...admissionPatterns(upstream), ...tenantRepositories.map((r) => `${r}/**`)];
}

/**
 * A platform stack on GCP (enclave:stackRole platform, enclave:cloud gcp): the project's APIs and
 * agents, the VPC with its Private Service Access range, the GKE cluster with its key ring, the
 * project's Binary Authorization policy and Cloud Storage audit config, and cert-manager,
 * installed once here so tenants only create their issuers and certificates. No tenant
 * namespace, bucket, database, realm or app.
 *
 * Its outputs are the contract tenants read (gcp-platform-outputs.ts). Running it: as the GCP
 * target (stacks/targets/gcp.ts): project credentials, gke-gcloud-auth-plugin, a path to the
 * private endpoint.
 */
export function buildGcpPlatformStack(config: EnclaveConfig): Record<string, unknown> {
  if (config.gcpProject === undefined || config.gcpRegion === undefined) {
    throw new Error(
      "gcp:project and gcp:region must be set. Fix: `pulumi config set gcp:project <id>` and `pulumi config set gcp:region <region>`",
    );
  }
  const project = config.gcpProject;
  const region = config.gcpRegion;
  const settings = resolveGcpSettings(config.environment, config.gcp ?? {});
  const admittedImages = platformAdmittedImages(config.gcp?.tenantImageRepositories ?? []);
  const platform = new GcpPlatform(`enclave-${config.tenant}-${config.environment}`, {
    project,
    region,
    name: config.tenant,
    environment: config.environment,
    stack: config.stack,
    classification: config.classification,
    ...(config.owner !== undefined ? { owner: config.owner } : {}),
    allowlist: config.allowlist,
    settings,
    admittedImages,
  });
  const ranges = settings.ranges;
  const certManager = new CertManager(
    "enclave-cert-manager",
    {
      tenant: config.tenant,
      images: {
        controller: pinned("certManagerController"),
        webhook: pinned("certManagerWebhook"),
        cainjector: pinned("certManagerCainjector"),
        acmesolver: pinned("certManagerAcmesolver"),
      },
      networkAddresses: {
        clients: [],
        objectStorage: platform.googleApiCidrs,
        kubernetesApi: [ranges.controlPlaneCidr],
        cloudApis: platform.googleApiCidrs,
        identityEndpoints: [],
        clusterCidrs: [ranges.subnetCidr, ranges.podsCidr],
        metadataCidrs: [...GKE_METADATA_CIDRS],
      },
      // Tenants' issuers are self-signed or the organisation's CA: no egress to the internet.
      outboundHttps: false,
    },
    { providers: [platform.kubernetesProvider] },
  );
  const forTenants: Record<GcpPlatformOutputName, unknown> = {
    stackRole: "platform",
    gcpProject: project,
    gcpRegion: region,
    kubeconfig: pulumi.secret(platform.kubeconfig),
    clusterName: platform.clusterName,
    clusterEndpoint: platform.clusterEndpoint,
    clusterCaCertificate: platform.clusterCaCertificate,
    workloadIdentityPool: platform.workloadIdentityPool,
    networkId: platform.networkId,
    networkSelfLink: platform.networkSelfLink,
    subnetCidr: ranges.subnetCidr,
    podsCidr: ranges.podsCidr,
    servicesCidr: ranges.servicesCidr,
    apiServerCidr: ranges.controlPlaneCidr,
    googleApiCidrs: platform.googleApiCidrs,
    serviceAccessRangeName: platform.serviceAccessRangeName,
    serviceAccessCidr: platform.serviceAccessCidr,
    admittedImages,
    storageAuditLogTypes: [...STORAGE_AUDIT_LOG_TYPES],
  };
  return {
    cloud: config.cloud,
    environment: config.environment,
    platform: config.tenant,
    ...forTenants,
    kubeconfigCommand: pulumi.interpolate`gcloud container clusters get-credentials ${platform.clusterName} --region ${region} --project ${project} --internal-ip`,
    keyRingId: platform.keyRingId,
    kmsKeyIds: platform.keyIds,
    nodeServiceAccount: platform.nodeServiceAccount,
    certManagerNamespace: certManager.namespace,
  };
}
