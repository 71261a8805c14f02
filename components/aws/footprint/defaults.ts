import type { AddonVersions } from "../eks/defaults";
import type { Environment } from "../../shared/platform";
import { DEFAULT_OBSERVABILITY_ADDON_VERSION } from "../eks/defaults";

/**
 * The AWS target's defaults, for every setting left unset (stacks/config/aws-settings.ts applies them). The environment changes
 * sizing and availability only: encryption, logging, deletion protection and exposure are the
 * same in dev and prod.
 */
export interface EnvironmentDefaults {
  readonly availabilityZones: number;
  readonly nat: "none" | "single" | "per-az";
  readonly nodeInstanceTypes: readonly string[];
  readonly nodeMinSize: number;
  readonly nodeDesiredSize: number;
  readonly nodeMaxSize: number;
  readonly database: {
    readonly instanceClass: string;
    readonly allocatedStorageGiB: number;
    readonly maxAllocatedStorageGiB: number;
    readonly multiAz: boolean;
    readonly backupRetentionDays: number;
  };
  /**
   * Default retention of new tenant objects. Prod: COMPLIANCE for 30 days, which nobody, root
   * included, can shorten or lift: a deleted or overwritten annotation stays recoverable for a
   * month (GOVERNANCE could be bypassed with s3:BypassGovernanceRetention). 30 days is the
   * shortest window that covers a monthly review cycle while keeping erasure requests (GDPR
   * art. 17) answerable within the month. Dev and staging: off, so test buckets can be emptied.
   * `enclave:aws.objectLock: false` turns it off in prod too; the packs flag that.
   */
  readonly objectLock?: { readonly mode: "GOVERNANCE" | "COMPLIANCE"; readonly days: number };
  /**
   * A GuardDuty detector of the region with S3 data-event and EKS audit-log protection: on in
   * staging and prod, off in dev (an account has one detector per region; a dev stack often
   * shares its account). `enclave:aws.guardDuty` overrides it.
   */
  readonly guardDuty: boolean;
}

export const ENVIRONMENT_DEFAULTS: Readonly<Record<Environment, EnvironmentDefaults>> = {
  dev: {
    availabilityZones: 2,
    nat: "single",
    nodeInstanceTypes: ["t3.large"],
    nodeMinSize: 2,
    nodeDesiredSize: 2,
    nodeMaxSize: 4,
    database: {
      instanceClass: "db.t4g.medium",
      allocatedStorageGiB: 20,
      maxAllocatedStorageGiB: 100,
      multiAz: false,
      backupRetentionDays: 7,
    },
    guardDuty: false,
  },
  staging: {
    availabilityZones: 3,
    nat: "single",
    nodeInstanceTypes: ["m6i.large"],
    nodeMinSize: 2,
    nodeDesiredSize: 3,
    nodeMaxSize: 6,
    database: {
      instanceClass: "db.m6g.large",
      allocatedStorageGiB: 50,
      maxAllocatedStorageGiB: 500,
      multiAz: true,
      backupRetentionDays: 14,
    },
    guardDuty: true,
  },
  prod: {
    availabilityZones: 3,
    nat: "per-az",
    nodeInstanceTypes: ["m6i.large"],
    nodeMinSize: 3,
    nodeDesiredSize: 3,
    nodeMaxSize: 9,
    database: {
      instanceClass: "db.m6g.large",
      allocatedStorageGiB: 100,
      maxAllocatedStorageGiB: 1000,
      multiAz: true,
      backupRetentionDays: 30,
    },
    objectLock: { mode: "COMPLIANCE", days: 30 },
    guardDuty: true,
  },
};

/** Defaults that do not depend on the environment. */
export const COMMON_DEFAULTS = {
  vpcCidr: "10.42.0.0/16",
  /** The app is reachable from enclave:allowlist.users through an internet-facing NLB. */
  ingressScheme: "internet-facing",
  /** Private API endpoint only. */
  publicApiEndpoint: false,
  kubernetesVersion: "1.34",
  nodeAmiType: "AL2023_x86_64_STANDARD",
  nodeDiskSizeGiB: 50,
  clusterAdminRoleArns: [] as readonly string[],
  /**
   * Who may assume the cluster-admin (break-glass) role. Empty: in dev and staging the account's
   * principals with MFA; prod requires named principals (components/aws/footprint/validate.ts).
   */
  clusterAdminPrincipals: [] as readonly string[],
  clusterAdminSsoRoleArns: [] as readonly string[],
  /** No tenant-operator access entry: the tenant-operator Role binds enclave:app.operators only. */
  tenantOperatorRoleArns: [] as readonly string[],
  /** Empty: the account root administers the keys (through the account's IAM policies). */
  kmsAdminRoleArns: [] as readonly string[],
  createAutoscalingServiceLinkedRole: false,
  objectOwnership: "BucketOwnerEnforced",
  noncurrentVersionRetentionDays: 90,
  logRetentionDays: 365,
  /**
   * Container logs (proxy access log, app, Keycloak) shipped off the nodes by the EKS CloudWatch
   * observability add-on, in every environment. `enclave:aws.containerLogs: false` is an opt-out
   * the packs flag (aws-eks-cluster-require-log-shipping).
   */
  containerLogs: true,
  observabilityAddonVersion: DEFAULT_OBSERVABILITY_ADDON_VERSION,
  /** The trail bucket (queried with Athena) is the trail's store; CloudWatch Logs delivery costs per GB. */
  trailCloudWatchLogs: false,
  database: { engineVersion: "17", caCertIdentifier: "rds-ca-rsa2048-g1" },
} as const;

/** Every setting of the AWS target, defaults applied. */
export interface AwsSettings {
  readonly vpcCidr: string;
  /** Zone count, or explicit zone names. */
  readonly availabilityZones: number | readonly string[];
  readonly nat: "none" | "single" | "per-az";
  readonly ingressScheme: "internet-facing" | "internal";
  readonly publicApiEndpoint: boolean;
  readonly kubernetesVersion: string;
  /** Exact versions of the EKS managed add-ons (components/aws/eks/defaults.ts). */
  readonly addonVersions: AddonVersions;
  readonly nodeInstanceTypes: readonly string[];
  readonly nodeAmiType: "AL2023_x86_64_STANDARD" | "AL2023_ARM_64_STANDARD";
  readonly nodeSizes: { readonly min: number; readonly desired: number; readonly max: number };
  readonly nodeDiskSizeGiB: number;
  /** Roles given their own cluster-admin access entry (break-glass, like the cluster-admin role). */
  readonly clusterAdminRoleArns: readonly string[];
  /** IAM role or user ARNs the cluster-admin role trusts, with MFA (`aws:MultiFactorAuthPresent`). */
  readonly clusterAdminPrincipals: readonly string[];
  /**
   * IAM Identity Center permission-set role ARNs (patterns, `*` allowed after the permission set's
   * name) the cluster-admin role trusts by `aws:PrincipalArn`: their MFA is the IdP's.
   */
  readonly clusterAdminSsoRoleArns: readonly string[];
  /** Roles given a tenant-operator access entry: Kubernetes group only, no EKS access policy. */
  readonly tenantOperatorRoleArns: readonly string[];
  readonly kmsAdminRoleArns: readonly string[];
  readonly createAutoscalingServiceLinkedRole: boolean;
  readonly database: {
    readonly instanceClass: string;
    readonly engineVersion: string;
    readonly allocatedStorageGiB: number;
    readonly maxAllocatedStorageGiB: number;
    readonly multiAz: boolean;
    readonly backupRetentionDays: number;
    readonly caCertIdentifier: string;
    readonly caBundlePem?: string;
  };
  readonly objectLock?: { readonly mode: "GOVERNANCE" | "COMPLIANCE"; readonly days: number };
  readonly objectOwnership: "BucketOwnerEnforced" | "BucketOwnerPreferred";
  readonly noncurrentVersionRetentionDays: number;
  readonly logRetentionDays: number;
  /** Ship container logs with the EKS CloudWatch observability add-on (its log groups: logs key, logRetentionDays). */
  readonly containerLogs: boolean;
  /** The add-on's pinned version, `vX.Y.Z-eksbuild.N`. */
  readonly observabilityAddonVersion: string;
  /** Create the region's GuardDuty detector (S3 and EKS audit-log protection). */
  readonly guardDuty: boolean;
  /** The account's own detector, checked (enabled) at deployment instead of creating one. */
  readonly guardDutyDetectorId?: string;
  /** An organisation trail the stack does not own, read by ARN at deployment: no trail of the stack's own. */
  readonly organizationTrailArn?: string;
  /** Also deliver the stack's trail to an encrypted CloudWatch Logs group (logs key, logRetentionDays). */
  readonly trailCloudWatchLogs: boolean;
}
