import type { CrossCheck } from "./cross";
import type { ConfigIssue } from "./errors";
import { stackPart } from "./tenancy";
import type { GcpConfig } from "./gcp";
import type { AwsConfig } from "./types";

/**
 * The tenancy rules that span keys: what a platform stack (network, cluster, shared add-ons) may
 * not configure, and what a tenant on a platform stack may not (the platform's cluster and network).
 */

/**
 * `enclave:aws` fields that shape the network or the cluster: a platform stack's alone.
 * `clusterAdminPrincipals` and `clusterAdminSsoRoleArns` are not among them: on a tenant they name
 * who may assume the tenant's break-glass role for its bucket (one break-glass concept per stack).
 */
export const PLATFORM_AWS_FIELDS = [
  "vpcCidr",
  "availabilityZones",
  "nat",
  "publicApiEndpoint",
  "kubernetesVersion",
  "addonVersions",
  "nodeInstanceTypes",
  "nodeAmiType",
  "nodeMinSize",
  "nodeDesiredSize",
  "nodeMaxSize",
  "nodeDiskSizeGiB",
  "clusterAdminRoleArns",
  "tenantOperatorRoleArns",
  "createAutoscalingServiceLinkedRole",
  "containerLogs",
  "observabilityAddonVersion",
  "guardDuty",
] as const satisfies readonly (keyof AwsConfig)[];

/** `enclave:aws` fields that shape a tenant's data (bucket, database, trail): never a platform's. */
export const TENANT_AWS_FIELDS = [
  "database",
  "objectLock",
  "objectOwnership",
  "noncurrentVersionRetentionDays",
  "organizationTrailArn",
  "trailCloudWatchLogs",
] as const satisfies readonly (keyof AwsConfig)[];

/**
 * `enclave:gcp` fields that shape the VPC, the cluster or the project's Binary Authorization
 * policy: a GCP platform stack's alone (the Private Service Access range is the platform's VPC's).
 */
export const PLATFORM_GCP_FIELDS = [
  "subnetCidr",
  "podsCidr",
  "servicesCidr",
  "controlPlaneCidr",
  "airGapped",
  "publicEndpoint",
  "databaseRangeCidr",
  "releaseChannel",
  "securityPosture",
  "nodes",
  "tenantImageRepositories",
] as const satisfies readonly (keyof GcpConfig)[];

/** `enclave:gcp` fields that shape a tenant's data (bucket, storage key): never a platform's. */
export const TENANT_GCP_FIELDS = [
  "bucketRetention",
  "noncurrentVersionRetentionDays",
  "keyRotationDays",
] as const satisfies readonly (keyof GcpConfig)[];

/** The clouds platform stacks are built on. */
const PLATFORM_CLOUDS: readonly unknown[] = ["aws", "gcp"];

/** Refusals of `enclave:<cloud>.<field>` for the fields listed, one issue per field set. */
function refuseFields(
  cloud: "aws" | "gcp",
  section: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  problem: string,
  fix: string,
): ConfigIssue[] {
  return fields
    .filter((field) => section[field] !== undefined)
    .map((field) => ({ key: `enclave:${cloud}.${field}`, value: section[field], problem, fix }));
}

/** Keys that configure a tenant's app or store, which a platform stack does not run. */
const TENANT_KEYS = ["app", "clientHosted", "brokerClientSecret", "ldapBindCredential"] as const;

const isPlatform = (config: Readonly<Record<string, unknown>>) =>
  config["stackRole"] === "platform";
const onPlatform = (config: Readonly<Record<string, unknown>>) =>
  config["stackRole"] !== "platform" && typeof config["platformStack"] === "string";

const platformStackRules: CrossCheck = (config, raw) => {
  if (!isPlatform(config)) {
    return [];
  }
  const issues: ConfigIssue[] = [];
  if (!PLATFORM_CLOUDS.includes(config["cloud"])) {
    issues.push({
      key: "enclave:stackRole",
      value: "platform",
      problem: `is platform but enclave:cloud is ${String(config["cloud"])}`,
      fix: "platform stacks are built on AWS and GCP in this version: set enclave:cloud to aws or gcp, or remove enclave:stackRole (the stack is then a tenant with its own cluster)",
    });
  }
  if (config["platformStack"] !== undefined) {
    issues.push({
      key: "enclave:platformStack",
      value: config["platformStack"],
      problem: "is set on a platform stack",
      fix: "remove it; only tenant stacks name the platform stack whose cluster they take",
    });
  }
  if (config["isolation"] === "client-hosted") {
    issues.push({
      key: "enclave:isolation",
      value: "client-hosted",
      problem: "is client-hosted on a platform stack, which holds no client's store",
      fix: "set it to shared or dedicated (the platform's own resources); each tenant stack sets its own isolation",
    });
  }
  for (const key of TENANT_KEYS) {
    if (raw[`enclave:${key}`] !== undefined) {
      issues.push({
        key: `enclave:${key}`,
        value:
          key === "brokerClientSecret" || key === "ldapBindCredential" ? "[secret]" : config[key],
        problem: "configures a tenant's app or store, which a platform stack does not create",
        fix: "remove it from the platform stack; set it on the tenant stacks",
      });
    }
  }
  const aws = (config["aws"] ?? {}) as AwsConfig;
  for (const field of TENANT_AWS_FIELDS) {
    // enclave:aws.database sizes the platform's shared instance (cross-shared-database.ts).
    const sizesSharedInstance = field === "database" && aws.sharedDatabase === true;
    if (aws[field] !== undefined && !sizesSharedInstance) {
      issues.push({
        key: `enclave:aws.${field}`,
        value: aws[field],
        problem:
          "configures a tenant's data (bucket, database or trail), which a platform stack does not create",
        fix: "remove it from the platform stack; set it on the tenant stacks",
      });
    }
  }
  issues.push(
    ...refuseFields(
      "gcp",
      (config["gcp"] ?? {}) as GcpConfig,
      TENANT_GCP_FIELDS,
      "configures a tenant's data (bucket or storage key), which a platform stack does not create",
      "remove it from the platform stack; set it on the tenant stacks",
    ),
  );
  return issues;
};

const tenantOnPlatformRules: CrossCheck = (config) => {
  if (!onPlatform(config)) {
    return [];
  }
  const platform = String(config["platformStack"]);
  const issues: ConfigIssue[] = [];
  if (!PLATFORM_CLOUDS.includes(config["cloud"])) {
    issues.push({
      key: "enclave:platformStack",
      value: platform,
      problem: `is set but enclave:cloud is ${String(config["cloud"])}`,
      fix: "tenant stacks take a platform stack's cluster on AWS and GCP only in this version: remove enclave:platformStack, or set enclave:cloud to aws or gcp",
    });
  }
  const tls = (
    (config["app"] ?? {}) as { tls?: { issuer?: unknown; installCertManager?: unknown } }
  ).tls;
  if (tls?.installCertManager === true) {
    issues.push({
      key: "enclave:app.tls.installCertManager",
      value: true,
      problem: `is true, but the platform stack ${platform} installed cert-manager once for every tenant of its cluster`,
      fix: "remove it; a second cert-manager would claim the same namespace, CRDs and webhooks",
    });
  }
  if (tls?.issuer === "letsencrypt") {
    issues.push({
      key: "enclave:app.tls.issuer",
      value: "letsencrypt",
      problem: `needs cert-manager to reach an ACME server on the internet, and the cert-manager of the platform stack ${platform} has no egress there`,
      fix: "use the organisation's ClusterIssuer ({ clusterIssuer: <name> }) or tls.mode existing, or remove enclave:platformStack so the tenant runs its own cluster and cert-manager",
    });
  }
  const aws = (config["aws"] ?? {}) as AwsConfig;
  for (const field of PLATFORM_AWS_FIELDS) {
    if (aws[field] !== undefined) {
      issues.push({
        key: `enclave:aws.${field}`,
        value: aws[field],
        problem: `configures the network or the cluster, which the platform stack ${platform} owns`,
        fix: `remove it from this tenant stack; set it on the platform stack ${platform}`,
      });
    }
  }
  issues.push(
    ...refuseFields(
      "gcp",
      (config["gcp"] ?? {}) as GcpConfig,
      PLATFORM_GCP_FIELDS,
      `configures the VPC, the cluster or the project's image admission, which the platform stack ${platform} owns`,
      `remove it from this tenant stack; set it on the platform stack ${platform}`,
    ),
  );
  return issues;
};

/**
 * `enclave:aws.clientBuckets` lists the client buckets a platform's S3 endpoints admit (its
 * client-hosted tenants'): a platform's key. A stack with its own cluster admits its own client's
 * bucket (enclave:clientHosted) without it; a tenant on a platform asks the platform stack.
 */
const clientBucketsRule: CrossCheck = (config) => {
  const buckets = ((config["aws"] ?? {}) as AwsConfig).clientBuckets;
  if (buckets === undefined || isPlatform(config)) {
    return [];
  }
  return [
    {
      key: "enclave:aws.clientBuckets",
      value: buckets,
      problem: onPlatform(config)
        ? `is set on a tenant stack, but the S3 endpoints are the platform stack ${String(config["platformStack"])}'s`
        : "is set on a stack that is not a platform (enclave:stackRole is not platform)",
      fix: onPlatform(config)
        ? `remove it here, and list this tenant's enclave:clientHosted.bucketName in enclave:aws.clientBuckets of ${String(config["platformStack"])}`
        : "remove it; a stack that builds its own cluster admits its own client's bucket (enclave:clientHosted.bucketName) by itself",
    },
  ];
};

export const TENANCY_CROSS_CHECKS: CrossCheck[] = [
  platformStackRules,
  tenantOnPlatformRules,
  clientBucketsRule,
];

/** A tenant's enclave:platformStack naming the tenant's own stack (the stack name is not config). */
export function platformStackSelf(
  config: Readonly<Record<string, unknown>>,
  stack: string,
): ConfigIssue[] {
  const platform = config["platformStack"];
  return onPlatform(config) && typeof platform === "string" && stackPart(platform) === stack
    ? [
        {
          key: "enclave:platformStack",
          value: platform,
          problem: "names this stack itself",
          fix: "name the platform stack (the one with enclave:stackRole: platform) whose cluster this tenant takes",
        },
      ]
    : [];
}
