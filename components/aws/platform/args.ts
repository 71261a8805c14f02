import type { Classification } from "../../shared/classification";
import type { Allowlist, DatabaseBootstrapPlacement, Environment } from "../../shared/platform";
import type { AwsSettings } from "../footprint/defaults";

export interface AwsPlatformArgs {
  /** Tagged on every resource (`enclave:classification`); default confidential. */
  readonly classification?: Classification;
  /** Tagged on every resource (`enclave:owner`); default the tenant. */
  readonly owner?: string;
  /** The platform's name (enclave:tenant of the platform stack), in resource names and tags. */
  readonly name: string;
  readonly environment: Environment;
  /** Pulumi stack name, tagged on every resource. */
  readonly stack: string;
  /** `admin` reaches the cluster API; `users` is not used (the platform runs no app). */
  readonly allowlist: Allowlist;
  /** `aws:region`. */
  readonly region: string;
  /**
   * The AWS settings (components/aws/footprint/defaults.ts). Only the network's, the cluster's,
   * the keys' and GuardDuty's are read; the tenant-data fields belong to the tenant stacks.
   */
  readonly settings: AwsSettings;
  /**
   * The client buckets (of client-hosted tenants, in the clients' accounts) the S3 endpoints admit
   * besides this account's enclave buckets; default none. Each tenant's own bucket policy, given
   * to its client, decides which role reaches it.
   */
  readonly clientBuckets?: readonly string[];
  /**
   * One RDS PostgreSQL instance the platform's tenants may share (a database and role each), sized
   * by `settings.database`, and the Kubernetes namespace's identity that administers it
   * (sharedDatabase.ts). Default false: each tenant has an instance of its own.
   */
  readonly sharedDatabase?: {
    /** The platform-owned namespace and service account of the tenants' bootstrap Jobs. */
    readonly bootstrap: DatabaseBootstrapPlacement;
  };
}
