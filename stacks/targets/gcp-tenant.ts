import * as pulumi from "@pulumi/pulumi";
import { GcpTenant, type GcpPlatformCluster } from "../../components/gcp/tenant";
import type { Platform } from "../../components/shared/platform";
import { ConfigError, type ConfigIssue, type EnclaveConfig } from "../config";
import { resolveGcpSettings } from "../config/gcp-settings";
import {
  GCP_PLATFORM_LIST_OUTPUTS,
  GCP_PLATFORM_OUTPUTS,
  SECRET_GCP_PLATFORM_OUTPUTS,
  type GcpPlatformOutputName,
} from "./gcp-platform-outputs";
import { readStackOutputs } from "./stack-outputs";
import type { TargetContext, TargetResult } from "./index";

/** The GCP platform's outputs as the StackReference returns them (kubeconfig a secret Output). */
export type GcpPlatformOutputValues = Readonly<Record<GcpPlatformOutputName, unknown>> & {
  readonly kubeconfig: pulumi.Input<string>;
};

const strings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === "string");

/** Whether a Binary Authorization name pattern admits an image (`*` stops at `/`, `**` does not). */
export function admits(pattern: string, image: string): boolean {
  if (pattern.endsWith("**")) {
    return image.startsWith(pattern.slice(0, -2));
  }
  if (pattern.endsWith("*")) {
    const prefix = pattern.slice(0, -1);
    return image.startsWith(prefix) && !image.slice(prefix.length).includes("/");
  }
  return image === pattern;
}

/**
 * Checks what the referenced stack exported and turns it into the tenant's GcpPlatformCluster, or
 * lists every problem against enclave:platformStack (a ConfigError: nothing is created): outputs
 * missing, not a platform, another project or region, a list that is not one, no Data Access
 * audit logs for Cloud Storage, or images of this stack the platform's Binary Authorization
 * policy would refuse.
 */
export function gcpPlatformClusterFrom(
  config: EnclaveConfig,
  values: GcpPlatformOutputValues,
  images: readonly string[],
): GcpPlatformCluster {
  const platform = config.platformStack!;
  const issue = (problem: string, fix: string): ConfigIssue => ({
    key: "enclave:platformStack",
    value: platform,
    problem,
    fix,
  });
  const issues: ConfigIssue[] = [];
  const missing = GCP_PLATFORM_OUTPUTS.filter((k) => values[k] === undefined || values[k] === null);
  if (missing.length > 0) {
    issues.push(
      issue(
        `names a stack that does not export ${missing.join(", ")}`,
        `name a platform stack (enclave:stackRole: platform) that has been deployed with this version of enclave, or run \`pulumi up\` on ${platform}`,
      ),
    );
  } else if (values.stackRole !== "platform") {
    issues.push(
      issue(
        `names a stack whose stackRole output is ${String(values.stackRole)}, not platform`,
        "name the platform stack (enclave:stackRole: platform) whose cluster this tenant takes",
      ),
    );
  } else {
    if (values.gcpProject !== config.gcpProject) {
      issues.push(
        issue(
          `names a platform in gcp:project ${String(values.gcpProject)}, but this stack's gcp:project is ${String(config.gcpProject)}`,
          `set gcp:project to ${String(values.gcpProject)} (the tenant's database joins the platform's VPC and its pods take the project's Workload Identity pool), or name a platform in ${String(config.gcpProject)}`,
        ),
      );
    }
    if (values.gcpRegion !== config.gcpRegion) {
      issues.push(
        issue(
          `names a platform in gcp:region ${String(values.gcpRegion)}, but this stack's gcp:region is ${String(config.gcpRegion)}`,
          `set gcp:region to ${String(values.gcpRegion)} (the tenant's bucket, database and keys live next to the cluster), or name a platform in ${String(config.gcpRegion)}`,
        ),
      );
    }
  }
  const listsOk = missing.length === 0 && issues.length === 0;
  for (const key of listsOk ? GCP_PLATFORM_LIST_OUTPUTS : []) {
    if (!strings(values[key])) {
      issues.push(
        issue(
          `names a stack whose output ${key} is not a list of strings`,
          `redeploy ${platform} with this version of enclave`,
        ),
      );
    }
  }
  if (issues.length === 0) {
    const logged = values.storageAuditLogTypes as string[];
    const unlogged = ["DATA_READ", "DATA_WRITE"].filter((t) => !logged.includes(t));
    if (unlogged.length > 0) {
      issues.push(
        issue(
          `names a platform whose project logs no ${unlogged.join(" or ")} Data Access audit logs for Cloud Storage, so nobody could say who read or wrote this tenant's objects`,
          `redeploy ${platform} with this version of enclave (its storage audit config logs DATA_READ and DATA_WRITE)`,
        ),
      );
    }
    const patterns = values.admittedImages as string[];
    const refused = images.filter((image) => !patterns.some((p) => admits(p, image)));
    if (refused.length > 0) {
      issues.push(
        issue(
          `names a platform whose Binary Authorization policy (one per project, the platform's) would refuse ${refused.join(", ")}`,
          `add the images' repository to enclave:gcp.tenantImageRepositories of ${platform} and redeploy it, or mirror the images into a repository it admits`,
        ),
      );
    }
  }
  if (issues.length > 0) {
    throw new ConfigError(config.stack, issues);
  }
  const str = (k: GcpPlatformOutputName) => String(values[k]);
  return {
    stack: platform,
    clusterName: str("clusterName"),
    clusterEndpoint: str("clusterEndpoint"),
    kubeconfig: values.kubeconfig,
    workloadIdentityPool: str("workloadIdentityPool"),
    networkId: str("networkId"),
    subnetCidr: str("subnetCidr"),
    podsCidr: str("podsCidr"),
    servicesCidr: str("servicesCidr"),
    apiServerCidr: str("apiServerCidr"),
    googleApiCidrs: values.googleApiCidrs as string[],
    serviceAccessRangeName: str("serviceAccessRangeName"),
    serviceAccessCidr: str("serviceAccessCidr"),
  };
}

/** The GCP platform stack's outputs, through a StackReference (the kubeconfig a secret). */
export async function readGcpPlatformOutputs(
  platformStack: string,
): Promise<GcpPlatformOutputValues> {
  return (await readStackOutputs(
    platformStack,
    GCP_PLATFORM_OUTPUTS,
    SECRET_GCP_PLATFORM_OUTPUTS,
  )) as GcpPlatformOutputValues;
}

/**
 * A GCP tenant on a platform stack (enclave:platformStack): no VPC, no cluster. The platform's
 * cluster, network, PSA range and Workload Identity pool come from its outputs; the tenant
 * creates its key ring, buckets, Cloud SQL instance, storage credential and bootstrap identity
 * (GcpTenant), and the app layer its namespace, realm and app.
 *
 * Running it: as the platform (credentials for the project, gke-gcloud-auth-plugin, a path to the
 * cluster's private endpoint), and the right to read the platform stack.
 */
export function buildGcpTenantTarget(
  config: EnclaveConfig,
  values: GcpPlatformOutputValues,
  context: TargetContext,
): TargetResult {
  if (config.gcpProject === undefined || config.gcpRegion === undefined) {
    throw new Error(
      "gcp:project and gcp:region must be set. Fix: `pulumi config set gcp:project <id>` and `pulumi config set gcp:region <region>`",
    );
  }
  const cluster = gcpPlatformClusterFrom(config, values, context.images);
  const tenant = new GcpTenant(`enclave-${config.tenant}-${config.environment}`, {
    project: config.gcpProject,
    region: config.gcpRegion,
    tenant: config.tenant,
    environment: config.environment,
    stack: config.stack,
    classification: config.classification,
    ...(config.owner !== undefined ? { owner: config.owner } : {}),
    isolation: config.isolation,
    domain: config.domain,
    allowlist: config.allowlist,
    settings: resolveGcpSettings(config.environment, config.gcp ?? {}),
    platform: cluster,
    now: context.now,
  });
  const platform: Platform = {
    cloud: "gcp",
    environment: config.environment,
    tenant: config.tenant,
    isolation: config.isolation,
    domain: config.domain,
    allowlist: config.allowlist,
    kubernetesProvider: tenant.kubernetesProvider,
    storage: tenant.storage,
    database: tenant.database,
    ingress: tenant.ingress,
    // GKE maps Google identities itself; the layer binds enclave:app.operators.
    operatorGroups: [],
    bindServiceAccount: (request) => tenant.bindServiceAccount(request),
  };
  return {
    platform,
    dataStores: [
      { kind: "bucket", purpose: "tenant-data", name: tenant.bucketName },
      { kind: "bucket", purpose: "access-logs", name: tenant.logBucketName },
      { kind: "database", purpose: "tenant-data", name: tenant.databaseInstance },
    ],
    outputs: {
      gcpProject: config.gcpProject,
      gcpRegion: config.gcpRegion,
      platformStack: cluster.stack,
      clusterName: cluster.clusterName,
      kubeconfigCommand: `gcloud container clusters get-credentials ${cluster.clusterName} --region ${config.gcpRegion} --project ${config.gcpProject} --internal-ip`,
      keyRingId: tenant.keyRingId,
      kmsKeyIds: tenant.keyIds,
      bucketName: tenant.bucketName,
      accessLogBucketName: tenant.logBucketName,
      databaseInstance: tenant.databaseInstance,
      databaseConnectionName: tenant.databaseConnectionName,
      databaseAdminSecretId: tenant.databaseAdminSecretId,
      storageServiceAccount: tenant.storageServiceAccount,
      // Read once the program has run, so it lists the accounts the app layer bound.
      workloadServiceAccounts: pulumi
        .output(Promise.resolve(0))
        .apply(() => tenant.workloadServiceAccounts()),
    },
  };
}
