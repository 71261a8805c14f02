import * as pulumi from "@pulumi/pulumi";
import { AwsTenant } from "../../components/aws/tenant/tenant";
import type { PlatformCluster } from "../../components/aws/tenant/args";
import { validateTenantArgs } from "../../components/aws/tenant/validate";
import type { Platform } from "../../components/shared/platform";
import { resolveAwsSettings } from "../config/aws-settings";
import { ConfigError, type ConfigIssue, type EnclaveConfig } from "../config";
import {
  OPTIONAL_PLATFORM_OUTPUTS,
  PLATFORM_OUTPUTS,
  SECRET_PLATFORM_OUTPUTS,
  type OptionalPlatformOutputName,
  type PlatformOutputName,
} from "./platform-outputs";
import { sharedInstanceFrom } from "./shared-database";
import { readStackOutputs } from "./stack-outputs";
import type { TargetResult } from "./index";

/** The platform's outputs as the StackReference returns them (plain, kubeconfig a secret Output). */
export type PlatformOutputValues = Readonly<Record<PlatformOutputName, unknown>> &
  Readonly<Partial<Record<OptionalPlatformOutputName, unknown>>> & {
    readonly kubeconfig: pulumi.Input<string>;
  };

const strings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === "string");

/**
 * Checks what the referenced stack exported and turns it into the tenant's PlatformCluster, or
 * lists every problem against enclave:platformStack (a ConfigError: nothing is created).
 */
export function platformClusterFrom(
  config: EnclaveConfig,
  values: PlatformOutputValues,
): PlatformCluster {
  const platform = config.platformStack!;
  const issues: ConfigIssue[] = [];
  const missing = PLATFORM_OUTPUTS.filter((k) => values[k] === undefined || values[k] === null);
  if (missing.length > 0) {
    issues.push({
      key: "enclave:platformStack",
      value: platform,
      problem: `names a stack that does not export ${missing.join(", ")}`,
      fix: `name a platform stack (enclave:stackRole: platform) that has been deployed with this version of enclave, or run \`pulumi up\` on ${platform}`,
    });
  } else if (values.stackRole !== "platform") {
    issues.push({
      key: "enclave:platformStack",
      value: platform,
      problem: `names a stack whose stackRole output is ${String(values.stackRole)}, not platform`,
      fix: "name the platform stack (enclave:stackRole: platform) whose cluster this tenant takes",
    });
  } else if (values.awsRegion !== config.awsRegion) {
    issues.push({
      key: "enclave:platformStack",
      value: platform,
      problem: `names a platform in aws:region ${String(values.awsRegion)}, but this stack's aws:region is ${String(config.awsRegion)}`,
      fix: `set aws:region to ${String(values.awsRegion)} (the tenant's bucket, database and keys live next to the cluster), or name a platform in ${String(config.awsRegion)}`,
    });
  }
  const lists = [
    "privateSubnetIds",
    "privateSubnetCidrs",
    "apiServerCidrs",
    "databaseSubnetIds",
    "databaseSubnetCidrs",
    "vpcEndpointIds",
    "clientBuckets",
  ] as const;
  for (const key of missing.length > 0 ? [] : lists) {
    if (!strings(values[key])) {
      issues.push({
        key: "enclave:platformStack",
        value: platform,
        problem: `names a stack whose output ${key} is not a list of strings`,
        fix: `redeploy ${platform} with this version of enclave`,
      });
    }
  }
  const list = (k: (typeof lists)[number]) => values[k] as string[];
  if (issues.length > 0) {
    throw new ConfigError(config.stack, issues);
  }
  const str = (k: PlatformOutputName) => String(values[k]);
  const cluster: PlatformCluster = {
    stack: platform,
    clusterName: str("clusterName"),
    clusterEndpoint: str("clusterEndpoint"),
    kubeconfig: values.kubeconfig,
    oidcProviderArn: str("oidcProviderArn"),
    oidcIssuerUrl: str("oidcIssuerUrl"),
    clusterSecurityGroupId: str("clusterSecurityGroupId"),
    clusterAdminRoleArn: str("clusterAdminRoleArn"),
    vpcId: str("vpcId"),
    vpcCidr: str("vpcCidr"),
    privateSubnetIds: list("privateSubnetIds"),
    privateSubnetCidrs: list("privateSubnetCidrs"),
    apiServerCidrs: list("apiServerCidrs"),
    databaseSubnetIds: list("databaseSubnetIds"),
    databaseSubnetCidrs: list("databaseSubnetCidrs"),
    vpcEndpointIds: list("vpcEndpointIds"),
    storageClassName: str("storageClassName"),
    clientBuckets: list("clientBuckets"),
  };
  // The tenant's own rules against this platform (a client's bucket its S3 endpoints admit).
  const problems = validateTenantArgs({
    isolation: config.isolation,
    ...(config.clientHosted !== undefined ? { clientHosted: config.clientHosted } : {}),
    platform: cluster,
  });
  if (problems.length > 0) {
    throw new ConfigError(
      config.stack,
      problems.map((p) => ({
        key: `enclave:${p.path}`,
        value: p.value,
        problem: p.problem,
        fix: p.fix,
      })),
    );
  }
  return cluster;
}

/**
 * Reads the platform stack's outputs through a StackReference: every output but the kubeconfig
 * as a plain value (the NetworkPolicies need the CIDRs as strings), the kubeconfig as a secret.
 */
export async function readPlatformOutputs(platformStack: string): Promise<PlatformOutputValues> {
  return (await readStackOutputs<PlatformOutputName | OptionalPlatformOutputName>(
    platformStack,
    [...PLATFORM_OUTPUTS, ...OPTIONAL_PLATFORM_OUTPUTS],
    SECRET_PLATFORM_OUTPUTS,
  )) as PlatformOutputValues;
}

/**
 * A tenant on a platform stack (enclave:platformStack): no VPC, no cluster. The platform's
 * cluster, network and OIDC provider come from its outputs; the tenant creates its keys, bucket,
 * trail, database and IRSA roles (AwsTenant), and the app layer its namespace, realm and app.
 *
 * Running it: the caller must be able to assume the platform's cluster-admin role (the kubeconfig
 * mints tokens for it) and reach the cluster's API, as for the platform stack itself.
 */
export function buildAwsTenantTarget(
  config: EnclaveConfig,
  values: PlatformOutputValues,
): TargetResult {
  if (config.awsRegion === undefined) {
    throw new Error("aws:region is not set. Fix: `pulumi config set aws:region <region>`");
  }
  const cluster = platformClusterFrom(config, values);
  const sharedDatabase =
    config.aws.database?.instance === "platform"
      ? sharedInstanceFrom(config, values.sharedDatabase)
      : undefined;
  const settings = resolveAwsSettings(config.environment, config.aws);
  const tenant = new AwsTenant(`enclave-${config.tenant}-${config.environment}`, {
    tenant: config.tenant,
    environment: config.environment,
    stack: config.stack,
    classification: config.classification,
    ...(config.owner !== undefined ? { owner: config.owner } : {}),
    isolation: config.isolation,
    domain: config.domain,
    allowlist: config.allowlist,
    region: config.awsRegion,
    settings,
    platform: cluster,
    ...(config.isolation === "client-hosted" && config.clientHosted !== undefined
      ? { clientHosted: config.clientHosted }
      : {}),
    ...(sharedDatabase !== undefined ? { sharedDatabase } : {}),
  });
  const platform: Platform = {
    cloud: "aws",
    environment: config.environment,
    tenant: config.tenant,
    isolation: config.isolation,
    domain: config.domain,
    allowlist: config.allowlist,
    kubernetesProvider: tenant.kubernetesProvider,
    storage: tenant.storage,
    database: tenant.database,
    ingress: tenant.ingress,
    // The platform maps no operator of this tenant (enclave:aws.tenantOperatorRoleArns is the
    // platform's); enclave:app.operators names the tenant's own groups.
    operatorGroups: [],
    bindServiceAccount: (request) => tenant.bindServiceAccount(request),
  };
  return {
    platform,
    dataStores: [
      {
        kind: "bucket",
        purpose:
          config.isolation === "client-hosted" ? "tenant-data (the client's)" : "tenant-data",
        name: tenant.bucketName,
      },
      ...(tenant.accessLogBucketName !== undefined
        ? [{ kind: "bucket", purpose: "access-logs", name: tenant.accessLogBucketName } as const]
        : []),
      ...(tenant.trailBucketName !== undefined
        ? [{ kind: "bucket", purpose: "audit-trail", name: tenant.trailBucketName } as const]
        : []),
      { kind: "database", purpose: "tenant-data", name: tenant.databaseAddress },
    ],
    outputs: {
      awsRegion: config.awsRegion,
      platformStack: cluster.stack,
      clusterName: cluster.clusterName,
      kubeconfigCommand: `aws eks update-kubeconfig --name ${cluster.clusterName} --region ${config.awsRegion} --role-arn ${cluster.clusterAdminRoleArn}`,
      kmsKeyArns: tenant.kmsKeyArns,
      bucketName: tenant.bucketName,
      ...(tenant.accessLogBucketName !== undefined
        ? { accessLogBucketName: tenant.accessLogBucketName }
        : {}),
      ...(tenant.breakGlassRoleArn !== undefined
        ? { breakGlassRoleArn: tenant.breakGlassRoleArn }
        : {}),
      // Client-hosted: the statements the client adds to its bucket and key policies.
      ...(tenant.clientPolicyStatements !== undefined
        ? { clientPolicyStatements: tenant.clientPolicyStatements }
        : {}),
      ...(tenant.trailArn !== undefined ? { trailArn: tenant.trailArn } : {}),
      ...(tenant.trailBucketName !== undefined ? { trailBucketName: tenant.trailBucketName } : {}),
      ...(tenant.trailLogGroupName !== undefined
        ? { trailLogGroup: tenant.trailLogGroupName }
        : {}),
      ...(tenant.guardDutyDetectorId !== undefined
        ? { guardDutyDetectorId: tenant.guardDutyDetectorId }
        : {}),
      databaseEndpoint: tenant.databaseAddress,
      databasePort: tenant.databasePort,
      // On the platform's shared instance the master secret is the platform's: not exported here.
      ...(tenant.databaseMasterSecretArn !== undefined
        ? { databaseMasterSecretArn: tenant.databaseMasterSecretArn }
        : {}),
      workloadRoleArns: pulumi
        .output(Promise.resolve(0))
        .apply(() => pulumi.all(tenant.workloadRoleArns())),
    },
  };
}
