import type { Classification } from "../../shared/classification";
import type * as pulumi from "@pulumi/pulumi";
import type {
  Allowlist,
  ClientStore,
  DatabaseBootstrapPlacement,
  Environment,
  Isolation,
} from "../../shared/platform";
import type { AwsSettings } from "../footprint/defaults";

/**
 * What a tenant takes from a platform stack (its outputs, read through a StackReference by the
 * stack program): the cluster, its identity provider for IRSA, and the network to put the
 * tenant's database in. Plain values, except the kubeconfig, which stays a secret.
 */
export interface PlatformCluster {
  /** The platform stack, as named in enclave:platformStack (for descriptions and messages). */
  readonly stack: string;
  readonly clusterName: string;
  readonly clusterEndpoint: string;
  readonly kubeconfig: pulumi.Input<string>;
  readonly oidcProviderArn: string;
  readonly oidcIssuerUrl: string;
  readonly clusterSecurityGroupId: string;
  readonly clusterAdminRoleArn: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: readonly string[];
  /** Where the interface endpoints (S3, STS, Secrets Manager, ...) sit. */
  readonly privateSubnetCidrs: readonly string[];
  /** Where the EKS API's private ENIs are. */
  readonly apiServerCidrs: readonly string[];
  readonly databaseSubnetIds: readonly string[];
  readonly databaseSubnetCidrs: readonly string[];
  readonly vpcEndpointIds: readonly string[];
  readonly storageClassName: string;
  /** The client buckets the platform's S3 endpoints admit (client-hosted tenants' buckets). */
  readonly clientBuckets: readonly string[];
}

export interface AwsTenantArgs {
  /** Tagged on every resource (`enclave:classification`); default confidential. */
  readonly classification?: Classification;
  /** Tagged on every resource (`enclave:owner`); default the tenant. */
  readonly owner?: string;
  readonly tenant: string;
  readonly environment: Environment;
  /** Pulumi stack name, tagged on every resource. */
  readonly stack: string;
  readonly isolation: Isolation;
  /** App FQDN; the bucket's CORS admits `https://<domain>` only. */
  readonly domain: string;
  readonly allowlist: Allowlist;
  /** `aws:region` (the platform's region). */
  readonly region: string;
  /** Only the tenant-data fields (database, bucket, trail, keys, logs) are read. */
  readonly settings: AwsSettings;
  readonly platform: PlatformCluster;
  /**
   * The client's own bucket and key (isolation client-hosted): nothing is created for storage.
   * `bucketName` and `kmsKeyArn` are required, the other fields refused (AWS_CLIENT_STORE); the
   * bucket must be among `platform.clientBuckets`.
   */
  readonly clientHosted?: ClientStore;
  /**
   * The platform's shared instance (enclave:aws.database.instance: platform): the tenant then
   * creates no RDS instance, no database key and no backup; its bootstrap Job runs in the
   * platform's namespace. Absent: an instance of the tenant's own.
   */
  readonly sharedDatabase?: SharedInstance;
}

/** The platform's shared PostgreSQL instance, as its `sharedDatabase` output describes it. */
export interface SharedInstance {
  readonly host: string;
  readonly port: number;
  readonly caBundlePem: string;
  /** Read only by the platform's admin service account, never by the tenant's. */
  readonly masterSecretArn: string;
  readonly bootstrap: DatabaseBootstrapPlacement;
}
