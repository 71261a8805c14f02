import type * as pulumi from "@pulumi/pulumi";
import type { KeyProtectionLevel } from "../settings";
import type { Labels } from "../shared/labels";
import type { KeyPurpose } from "./defaults";

export interface KeyUse {
  /**
   * IAM members granted roles/cloudkms.cryptoKeyEncrypterDecrypter on this key, authoritatively
   * (no one else holds the role on it): service agents and workload service accounts only,
   * written `serviceAccount:<email>`. At least one.
   */
  readonly users: readonly pulumi.Input<string>[];
}

export interface TenantKeyRingArgs<P extends KeyPurpose = KeyPurpose> {
  readonly project: pulumi.Input<string>;
  /** The region of the resources the keys protect (CMEK keys must share their location). */
  readonly location: string;
  /** e.g. `enclave-acme-prod`; a key ring name can never be reused in a project and location. */
  readonly ringName: string;
  readonly protectionLevel: KeyProtectionLevel;
  /**
   * The purposes this ring holds a key for (default all of KEY_PURPOSES): a platform's ring holds
   * `cluster` and `volumes`, a tenant's on a platform `storage`, `database` and `logs`.
   */
  readonly purposes?: readonly P[];
  /** One entry per purpose held: every purpose gets its key. */
  readonly keys: Readonly<Record<P, KeyUse>>;
  readonly labels: Labels;
}
