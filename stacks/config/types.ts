import type { z } from "zod";
import type { ENFORCEMENT_LEVELS, KEYS, KeyName, policyConfigSchema } from "./keys";
import type { Allowlist, Cloud, Environment, Isolation } from "../../components/shared/platform";

export type { Allowlist, Cloud, Environment, Isolation };

export type { AwsConfig, AwsDatabaseConfig } from "./aws";
export type { GcpConfig } from "./gcp";
export type { ClientHostedConfig } from "./client-hosted";

export type { AppConfig, AppKeycloakConfig, AppTlsConfig } from "./app";
export type {
  ExistingDatabaseConfig,
  ExistingObjectStoreConfig,
  ExistingClusterConfig,
} from "./existing-cluster";

export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

export type PolicyConfig = z.output<typeof policyConfigSchema>;
/** The reviewer's waiver (review/contract/waivers.ts): enclave:waivers holds a list of them. */
export type { Waiver } from "../../review/contract";

type Specs = typeof KEYS;
type Value<K extends KeyName> = z.output<Specs[K]["schema"]>;
/** Keys always present after parsing: required ones, and those with a default. */
type Present = {
  [K in KeyName]: Specs[K] extends { required: true } | { default: unknown } ? K : never;
}[KeyName];
type Absent = Exclude<KeyName, Present>;

/**
 * The validated, typed stack configuration handed to the targets, derived from the key table
 * (keys.ts): one field per `enclave:*` key, typed by its schema.
 */
export type EnclaveConfig = Readonly<
  { [K in Present]: Value<K> } & { [K in Absent]?: Value<K> } & {
    readonly project: string;
    readonly stack: string;
    /** `aws:region` (the AWS provider's own key), when set; required when enclave:cloud is aws. */
    readonly awsRegion?: string;
    /** `gcp:project` and `gcp:region` (the GCP provider's keys), required when enclave:cloud is gcp. */
    readonly gcpProject?: string;
    readonly gcpRegion?: string;
  }
>;
export type { StackRole } from "./tenancy";
