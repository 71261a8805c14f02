import type { CLOUDS, ENFORCEMENT_LEVELS, ENVIRONMENTS, ISOLATIONS } from "./keys";

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
  Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>
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
}
