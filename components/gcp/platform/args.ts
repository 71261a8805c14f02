import type { Classification } from "../../shared/classification";
import type { Allowlist, Environment } from "../../shared/platform";
import type { GcpSettings } from "../settings";

export interface GcpPlatformArgs {
  /** `gcp:project`: the project the platform and its tenants share. */
  readonly project: string;
  /** `gcp:region`: the cluster's, and every tenant's data's. */
  readonly region: string;
  /** The platform's name (enclave:tenant of the platform stack), in resource names and labels. */
  readonly name: string;
  readonly environment: Environment;
  /** The stack's name, for labels. */
  readonly stack: string;
  /** Labelled on every resource (`enclave-classification`); default confidential. */
  readonly classification?: Classification;
  /** Labelled on every resource (`enclave-owner`); default the platform's name. */
  readonly owner?: string;
  /** `admin` reaches the cluster API (master authorized networks); `users` is not used. */
  readonly allowlist: Allowlist;
  /**
   * The GCP settings. The network's, the cluster's, the keys' protection level and the PSA range
   * are read; the tenant-data fields (bucket retention, versions, key rotation) are the tenants'.
   */
  readonly settings: GcpSettings;
  /**
   * Binary Authorization patterns of the project's policy (one per project: the platform's),
   * e.g. admissionPatterns(<the kit's upstream images>) plus `<tenant mirror>/**`.
   */
  readonly admittedImages: readonly string[];
}
