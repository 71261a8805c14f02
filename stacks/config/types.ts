import type { CLOUDS, ENFORCEMENT_LEVELS, ENVIRONMENTS, ISOLATIONS } from "./keys";
import type { AwsConfig, ClientHostedConfig } from "./aws";

export type { AwsConfig, AwsDatabaseConfig, ClientHostedConfig } from "./aws";
import type { AppConfig } from "./app";
import type { ExistingClusterConfig } from "./existing-cluster";
import type { Waiver } from "../../review/contract";

export type { Waiver } from "../../review/contract";

export type { AppConfig, AppKeycloakConfig, AppTlsConfig } from "./app";
export type {
  ExistingDatabaseConfig,
  ExistingObjectStoreConfig,
  ExistingClusterConfig,
} from "./existing-cluster";

export type Cloud = (typeof CLOUDS)[number];
export type Environment = (typeof ENVIRONMENTS)[number];
export type Isolation = (typeof ISOLATIONS)[number];
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

export interface Allowlist {
  /** CIDRs that reach the cluster API and the identity provider's admin plane. Never empty. */
  readonly admin: readonly string[];
  /** CIDRs that reach the annotation app. May be empty (app closed). */
  readonly users: readonly string[];
}

export type PolicyConfig = Readonly<
  Record<
    string,
    EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
  >
>;

/** The validated, typed stack configuration handed to every component. */
export interface EnclaveConfig {
  readonly project: string;
  readonly stack: string;
  readonly cloud: Cloud;
  readonly environment: Environment;
  readonly tenant: string;
  readonly isolation: Isolation;
  readonly domain: string;
  readonly allowlist: Allowlist;
  readonly policy: PolicyConfig;
  /** `enclave:aws`: AWS target settings; `{}` when absent (every field has a secure default). */
  readonly aws: AwsConfig;
  /** `enclave:clientHosted`: the client's bucket and key; set only with isolation client-hosted. */
  readonly clientHosted?: ClientHostedConfig;
  /** `aws:region` (the AWS provider's own key), when set; required when enclave:cloud is aws. */
  readonly awsRegion?: string;
  readonly waivers: readonly Waiver[];
  /** `enclave:kubernetes`: the existing-cluster target; set only with enclave:cloud kubernetes. */
  readonly kubernetes?: ExistingClusterConfig;
  /** `enclave:app`: App layer settings; absent fields take components/app/defaults.ts. */
  readonly app?: AppConfig;
}
