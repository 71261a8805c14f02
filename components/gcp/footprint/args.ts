import type { Classification } from "../../shared/classification";
import type { Allowlist, Environment } from "../../shared/platform";
import type { GcpSettings } from "../settings";

export interface GcpFootprintArgs {
  /** `gcp:project`: the project id. */
  readonly project: string;
  /** `gcp:region`: every regional resource and the keys' location. */
  readonly region: string;
  readonly tenant: string;
  readonly environment: Environment;
  /** The stack's name, for labels. */
  readonly stack: string;
  /** Labelled on every resource (`enclave-classification`); default confidential. */
  readonly classification?: Classification;
  /** Labelled on every resource (`enclave-owner`); default the tenant. */
  readonly owner?: string;
  /** The app's FQDN (`https://<domain>` is the only origin the bucket's CORS admits). */
  readonly domain: string;
  readonly allowlist: Allowlist;
  readonly settings: GcpSettings;
  /** Every image the stack runs, pinned: Binary Authorization admits their repositories only. */
  readonly images: readonly string[];
  /** The deployment's clock, for the storage key's rotation (tests pass a fixed date). */
  readonly now: Date;
}
