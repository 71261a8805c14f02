import type { Allowlist, ClientStore, Environment, Isolation } from "../../shared/platform";
import type { AwsSettings } from "./defaults";
import type { Classification } from "../../shared/classification";

export interface AwsFootprintArgs {
  readonly tenant: string;
  readonly environment: Environment;
  /** Pulumi stack name, tagged on every resource. */
  readonly stack: string;
  /** Tagged on every resource (`enclave:classification`); default confidential. */
  readonly classification?: Classification;
  /** Tagged on every resource (`enclave:owner`); default the tenant. */
  readonly owner?: string;
  readonly isolation: Isolation;
  /** App FQDN; the bucket's CORS admits `https://<domain>` only. */
  readonly domain: string;
  readonly allowlist: Allowlist;
  /** `aws:region`. */
  readonly region: string;
  readonly settings: AwsSettings;
  /**
   * The client's own bucket and key (isolation client-hosted): nothing is created for storage.
   * `bucketName` and `kmsKeyArn` are required, the other fields refused (AWS_CLIENT_STORE).
   */
  readonly clientHosted?: ClientStore;
}
