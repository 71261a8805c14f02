import * as pulumi from "@pulumi/pulumi";
import { GcpFootprint } from "../../components/gcp/footprint";
import type { Platform } from "../../components/shared/platform";
import type { EnclaveConfig } from "../config";
import { resolveGcpSettings } from "../config/gcp-settings";
import type { TargetContext, TargetResult } from "./index";

/**
 * The GCP target: validated config -> GcpFootprint -> Platform + stack outputs.
 *
 * Running it: credentials for the project (`gcloud auth application-default login`, or a
 * deployer service account), `gcp:project` and `gcp:region`, the right to enable its APIs and to
 * administer Cloud KMS, and a network path to the cluster's private endpoint (the Kubernetes
 * provider calls it during `pulumi up`): run Pulumi from inside the VPC or connected to it from an
 * enclave:allowlist.admin network, or set enclave:gcp.publicEndpoint true (then only
 * enclave:allowlist.admin reaches it). `gke-gcloud-auth-plugin` must be on the PATH.
 */
export function buildGcpTarget(config: EnclaveConfig, context: TargetContext): TargetResult {
  if (config.gcpProject === undefined || config.gcpRegion === undefined) {
    throw new Error(
      "gcp:project and gcp:region must be set. Fix: `pulumi config set gcp:project <id>` and `pulumi config set gcp:region <region>`",
    );
  }
  const footprint = new GcpFootprint(`enclave-${config.tenant}-${config.environment}`, {
    project: config.gcpProject,
    region: config.gcpRegion,
    tenant: config.tenant,
    environment: config.environment,
    stack: config.stack,
    classification: config.classification,
    ...(config.owner !== undefined ? { owner: config.owner } : {}),
    domain: config.domain,
    allowlist: config.allowlist,
    settings: resolveGcpSettings(config.environment, config.gcp ?? {}),
    images: context.images,
    now: context.now,
  });

  const platform: Platform = {
    cloud: "gcp",
    environment: config.environment,
    tenant: config.tenant,
    isolation: config.isolation,
    domain: config.domain,
    allowlist: config.allowlist,
    kubernetesProvider: footprint.kubernetesProvider,
    storage: footprint.storage,
    database: footprint.database,
    ingress: footprint.ingress,
    // GKE maps Google identities to Kubernetes users and groups itself (Google Groups for RBAC);
    // the layer binds enclave:app.operators.
    operatorGroups: [],
    bindServiceAccount: (request) => footprint.bindServiceAccount(request),
  };

  return {
    platform,
    dataStores: [
      { kind: "bucket", purpose: "tenant-data", name: footprint.bucketName },
      { kind: "bucket", purpose: "access-logs", name: footprint.logBucketName },
      { kind: "database", purpose: "tenant-data", name: footprint.databaseInstance },
    ],
    outputs: {
      gcpProject: config.gcpProject,
      gcpRegion: config.gcpRegion,
      networkId: footprint.networkId,
      clusterName: footprint.clusterName,
      clusterEndpoint: footprint.clusterEndpoint,
      kubeconfigCommand: pulumi.interpolate`gcloud container clusters get-credentials ${footprint.clusterName} --region ${config.gcpRegion} --project ${config.gcpProject} --internal-ip`,
      adminPlaneAccess: footprint.adminPlaneAccess,
      keyRingId: footprint.keyRingId,
      kmsKeyIds: footprint.keyIds,
      bucketName: footprint.bucketName,
      accessLogBucketName: footprint.logBucketName,
      databaseInstance: footprint.databaseInstance,
      databaseConnectionName: footprint.databaseConnectionName,
      databaseAdminSecretId: footprint.databaseAdminSecretId,
      storageServiceAccount: footprint.storageServiceAccount,
      nodeServiceAccount: footprint.nodeServiceAccount,
      // Read once the program has run, so it lists the accounts the app layer bound.
      workloadServiceAccounts: pulumi
        .output(Promise.resolve(0))
        .apply(() => footprint.workloadServiceAccounts()),
    },
  };
}
