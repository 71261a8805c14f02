import type { Allowlist, Environment, Isolation } from "../../shared/platform";
import type { AwsSettings } from "./defaults";

export interface AwsFootprintArgs {
  readonly tenant: string;
  readonly environment: Environment;
  /** Pulumi stack name, tagged on every resource. */
  readonly stack: string;
  readonly isolation: Isolation;
  /** App FQDN; the bucket's CORS admits `https://<domain>` only. */
  readonly domain: string;
  readonly allowlist: Allowlist;
  /** `aws:region`. */
  readonly region: string;
  readonly settings: AwsSettings;
  /** The client's own bucket and key (isolation client-hosted): nothing is created for storage. */
  readonly clientHosted?: { readonly bucketName: string; readonly kmsKeyArn: string };
}
