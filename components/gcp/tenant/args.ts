import type * as pulumi from "@pulumi/pulumi";
import type { Classification } from "../../shared/classification";
import type { Allowlist, Environment, Isolation } from "../../shared/platform";
import type { GcpSettings } from "../settings";

/**
 * What a GCP tenant takes from its platform stack (its outputs, read through a StackReference by
 * the stack program): the cluster, its Workload Identity pool, the VPC and the Private Service
 * Access range its database takes an address from. Plain values, except the kubeconfig, a secret.
 */
export interface GcpPlatformCluster {
  /** The platform stack, as named in enclave:platformStack (for descriptions and messages). */
  readonly stack: string;
  readonly clusterName: string;
  readonly clusterEndpoint: string;
  readonly kubeconfig: pulumi.Input<string>;
  /** `<project>.svc.id.goog`. */
  readonly workloadIdentityPool: string;
  /** The VPC (`projects/<p>/global/networks/<n>`): the database's only network. */
  readonly networkId: string;
  /** The nodes' subnet and its pods' and Services' secondary ranges. */
  readonly subnetCidr: string;
  readonly podsCidr: string;
  readonly servicesCidr: string;
  /** The control plane's private /28 (the Kubernetes API, for the NetworkPolicies). */
  readonly apiServerCidr: string;
  /** The Private Google Access VIP (Cloud Storage, Secret Manager) on 443. */
  readonly googleApiCidrs: readonly string[];
  /** The platform's Private Service Access range: its GCP name and CIDR. */
  readonly serviceAccessRangeName: string;
  readonly serviceAccessCidr: string;
}

export interface GcpTenantArgs {
  /** `gcp:project`: the platform's project. */
  readonly project: string;
  /** `gcp:region`: the platform's region. */
  readonly region: string;
  readonly tenant: string;
  readonly environment: Environment;
  /** The stack's name, for labels. */
  readonly stack: string;
  /** Labelled on every resource (`enclave-classification`); default confidential. */
  readonly classification?: Classification;
  /** Labelled on every resource (`enclave-owner`); default the tenant. */
  readonly owner?: string;
  readonly isolation: Isolation;
  /** The app's FQDN (`https://<domain>` is the only origin the bucket's CORS admits). */
  readonly domain: string;
  readonly allowlist: Allowlist;
  /** Only the tenant-data fields (bucket retention, versions, logs, key rotation, keys) are read. */
  readonly settings: GcpSettings;
  readonly platform: GcpPlatformCluster;
  /** The deployment's clock, for the storage key's rotation (tests pass a fixed date). */
  readonly now: Date;
}
