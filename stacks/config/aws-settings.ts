import type { Environment } from "../../components/shared/platform";
import {
  COMMON_DEFAULTS,
  ENVIRONMENT_DEFAULTS,
  type AwsSettings,
  type EnvironmentDefaults,
} from "../../components/aws/footprint/defaults";
import type { AwsFootprintArgs } from "../../components/aws/footprint/args";
import { EKS_ADDON_VERSIONS, type AddonVersions } from "../../components/aws/eks/defaults";
import type { AwsConfig } from "./aws";
import type { EnclaveConfig } from "./types";

/**
 * `enclave:aws` -> the AWS footprint's settings: every field left unset takes the default of
 * components/aws/footprint/defaults.ts (some depend on enclave:environment).
 */
/** Node sizes after the environment's defaults fill the gaps. */
export function resolveNodeSizes(environment: Environment, aws: AwsConfig) {
  const env = ENVIRONMENT_DEFAULTS[environment];
  return {
    min: aws.nodeMinSize ?? env.nodeMinSize,
    desired: aws.nodeDesiredSize ?? env.nodeDesiredSize,
    max: aws.nodeMaxSize ?? env.nodeMaxSize,
  };
}

/**
 * Each add-on's version: the stack's, else enclave's default for the Kubernetes version. The
 * config's cross-check (cross-aws.ts) has refused a version with neither, so none is missing here.
 */
export function resolveAddonVersions(kubernetesVersion: string, aws: AwsConfig): AddonVersions {
  const defaults = EKS_ADDON_VERSIONS[kubernetesVersion];
  const given = aws.addonVersions ?? {};
  const pick = (key: keyof AddonVersions) => {
    const version = given[key] ?? defaults?.[key];
    if (version === undefined) {
      throw new Error(`enclave:aws.addonVersions.${key}: no version (the config check missed it)`);
    }
    return version;
  };
  return {
    vpcCni: pick("vpcCni"),
    kubeProxy: pick("kubeProxy"),
    coredns: pick("coredns"),
    ebsCsiDriver: pick("ebsCsiDriver"),
  };
}

export function resolveAwsSettings(environment: Environment, aws: AwsConfig): AwsSettings {
  const env = ENVIRONMENT_DEFAULTS[environment];
  const db = aws.database ?? {};
  return {
    vpcCidr: aws.vpcCidr ?? COMMON_DEFAULTS.vpcCidr,
    availabilityZones: aws.availabilityZones ?? env.availabilityZones,
    nat: aws.nat ?? env.nat,
    ingressScheme: aws.ingressScheme ?? COMMON_DEFAULTS.ingressScheme,
    publicApiEndpoint: aws.publicApiEndpoint ?? COMMON_DEFAULTS.publicApiEndpoint,
    kubernetesVersion: aws.kubernetesVersion ?? COMMON_DEFAULTS.kubernetesVersion,
    addonVersions: resolveAddonVersions(
      aws.kubernetesVersion ?? COMMON_DEFAULTS.kubernetesVersion,
      aws,
    ),
    nodeInstanceTypes: aws.nodeInstanceTypes ?? env.nodeInstanceTypes,
    nodeAmiType: aws.nodeAmiType ?? COMMON_DEFAULTS.nodeAmiType,
    nodeSizes: resolveNodeSizes(environment, aws),
    nodeDiskSizeGiB: aws.nodeDiskSizeGiB ?? COMMON_DEFAULTS.nodeDiskSizeGiB,
    clusterAdminRoleArns: aws.clusterAdminRoleArns ?? COMMON_DEFAULTS.clusterAdminRoleArns,
    clusterAdminPrincipals: aws.clusterAdminPrincipals ?? COMMON_DEFAULTS.clusterAdminPrincipals,
    clusterAdminSsoRoleArns: aws.clusterAdminSsoRoleArns ?? COMMON_DEFAULTS.clusterAdminSsoRoleArns,
    tenantOperatorRoleArns: aws.tenantOperatorRoleArns ?? COMMON_DEFAULTS.tenantOperatorRoleArns,
    kmsAdminRoleArns: aws.kmsAdminRoleArns ?? COMMON_DEFAULTS.kmsAdminRoleArns,
    createAutoscalingServiceLinkedRole:
      aws.createAutoscalingServiceLinkedRole ?? COMMON_DEFAULTS.createAutoscalingServiceLinkedRole,
    database: {
      instanceClass: db.instanceClass ?? env.database.instanceClass,
      engineVersion: db.engineVersion ?? COMMON_DEFAULTS.database.engineVersion,
      allocatedStorageGiB: db.allocatedStorageGiB ?? env.database.allocatedStorageGiB,
      maxAllocatedStorageGiB:
        db.maxAllocatedStorageGiB ??
        Math.max(env.database.maxAllocatedStorageGiB, db.allocatedStorageGiB ?? 0),
      multiAz: db.multiAz ?? env.database.multiAz,
      backupRetentionDays: db.backupRetentionDays ?? env.database.backupRetentionDays,
      caCertIdentifier: db.caCertIdentifier ?? COMMON_DEFAULTS.database.caCertIdentifier,
      ...(db.caBundlePem !== undefined ? { caBundlePem: db.caBundlePem } : {}),
    },
    ...objectLockSetting(aws.objectLock, env.objectLock),
    objectOwnership: aws.objectOwnership ?? COMMON_DEFAULTS.objectOwnership,
    noncurrentVersionRetentionDays:
      aws.noncurrentVersionRetentionDays ?? COMMON_DEFAULTS.noncurrentVersionRetentionDays,
    logRetentionDays: aws.logRetentionDays ?? COMMON_DEFAULTS.logRetentionDays,
    containerLogs: aws.containerLogs ?? COMMON_DEFAULTS.containerLogs,
    observabilityAddonVersion:
      aws.observabilityAddonVersion ?? COMMON_DEFAULTS.observabilityAddonVersion,
    // A named account detector replaces the stack's own (a region has one detector).
    guardDuty: aws.guardDutyDetectorId !== undefined ? false : (aws.guardDuty ?? env.guardDuty),
    ...(aws.guardDutyDetectorId !== undefined
      ? { guardDutyDetectorId: aws.guardDutyDetectorId }
      : {}),
    ...(aws.organizationTrailArn !== undefined
      ? { organizationTrailArn: aws.organizationTrailArn }
      : {}),
    trailCloudWatchLogs: aws.trailCloudWatchLogs ?? COMMON_DEFAULTS.trailCloudWatchLogs,
  };
}

/** The AWS footprint's arguments for a stack (`aws:region` checked by the config module). */
export function awsFootprintArgs(
  config: EnclaveConfig & { readonly awsRegion: string },
): AwsFootprintArgs {
  const hosted = config.clientHosted;
  return {
    tenant: config.tenant,
    environment: config.environment,
    stack: config.stack,
    classification: config.classification,
    ...(config.owner !== undefined ? { owner: config.owner } : {}),
    isolation: config.isolation,
    domain: config.domain,
    allowlist: config.allowlist,
    region: config.awsRegion,
    settings: resolveAwsSettings(config.environment, config.aws),
    // As given: the footprint's tenancy rule says which fields AWS needs and refuses the others.
    ...(hosted !== undefined ? { clientHosted: hosted } : {}),
  };
}

/** The tenant bucket's object lock: the config's, off when it says false, else the environment's. */
function objectLockSetting(
  configured: AwsConfig["objectLock"],
  environmentDefault: EnvironmentDefaults["objectLock"],
): Pick<AwsSettings, "objectLock"> {
  const lock = configured === false ? undefined : (configured ?? environmentDefault);
  return lock !== undefined ? { objectLock: lock } : {};
}

/**
 * The stack's audit retention (CloudTrail, log groups) in days on AWS; none elsewhere (an existing
 * cluster's audit log is the operator's).
 */
export function auditRetentionDays(config: EnclaveConfig): number | undefined {
  return config.cloud === "aws"
    ? (config.aws.logRetentionDays ?? COMMON_DEFAULTS.logRetentionDays)
    : undefined;
}
