import type * as pulumi from "@pulumi/pulumi";
import type { GcpDatabaseSettings } from "../settings";
import type { Labels } from "../shared/labels";
import type { SqlSslMode } from "./defaults";

export interface PrivateDatabaseArgs {
  readonly project: pulumi.Input<string>;
  readonly region: string;
  /** Cloud SQL instance name, e.g. `enclave-acme-prod-pg` (never reusable for a week after deletion). */
  readonly instanceName: string;
  /** PostgreSQL major version (the AWS target's is 17). */
  readonly postgresMajor: number;
  /** The PrivateNetwork's VPC (`projects/<p>/global/networks/<n>`): the instance's only network. */
  readonly networkId: pulumi.Input<string>;
  /**
   * The range reserved for Private Service Access (Cloud SQL's private IPs are taken from it), a
   * private IPv4 block /16 to /24 that overlaps none of `vpcRanges`.
   */
  readonly serviceRangeCidr: string;
  /**
   * The Private Service Access already peered into the VPC (a platform's, `rangeName` its
   * GlobalAddress's name): the instance takes its address there and none is created. Absent: the
   * database makes its own range (`<instanceName>-psa`, `serviceRangeCidr`) and peering.
   */
  readonly serviceAccess?: { readonly rangeName: pulumi.Input<string> };
  /** The VPC's own ranges (subnet, pods, services, control plane), which the range must not overlap. */
  readonly vpcRanges: readonly string[];
  /** The tenant key ring's `database` key (storage, backups and the admin secret). */
  readonly databaseKeyId: pulumi.Input<string>;
  /**
   * What must exist before the key is used: the TenantKeyRing (its binding grants the Cloud SQL
   * and Secret Manager agents the key) and the agents' ServiceIdentity resources. The instance and
   * the administrator's secret wait for them; Cloud SQL refuses a key its agent cannot use.
   */
  readonly keyReady: readonly pulumi.Resource[];
  /**
   * `ENCRYPTED_ONLY` (TLS required; what the app layer's clients do) or
   * `TRUSTED_CLIENT_CERTIFICATE_REQUIRED` (also a Cloud SQL client certificate, which only the
   * Cloud SQL Auth Proxy and connectors present: the app layer's clients do not).
   */
  readonly sslMode: SqlSslMode;
  /** Sizing, HA and backups, by environment (components/gcp/settings.ts). */
  readonly sizing: GcpDatabaseSettings;
  readonly labels: Labels;
}
