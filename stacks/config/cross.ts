import { AWS_CROSS_CHECKS } from "./cross-aws";
import { EXISTING_CLUSTER_CROSS_CHECKS } from "./cross-existing-cluster";
import { GCP_CROSS_CHECKS } from "./cross-gcp";
import { federationSecrets } from "./cross-federation";
import { SHARED_DATABASE_CROSS_CHECKS } from "./cross-shared-database";
import { TENANCY_CROSS_CHECKS } from "./cross-tenancy";
import type { ConfigIssue } from "./errors";
import type { RawConfig } from "./parse";

/**
 * Checks that span keys (or namespaces): each gets the individually valid `enclave:*` values and
 * the raw configuration, and returns its problems. They run only when every key parsed.
 */
export type CrossCheck = (
  config: Readonly<Record<string, unknown>>,
  raw: RawConfig,
) => ConfigIssue[];

const requireProviderKey =
  (cloud: string, key: string, example: string): CrossCheck =>
  (config, raw) =>
    config["cloud"] === cloud && !raw[key]
      ? [
          {
            key,
            value: undefined,
            problem: `is required when enclave:cloud is ${cloud}`,
            fix: `set it, e.g. \`pulumi config set ${key} ${example}\``,
          },
        ]
      : [];

export const CROSS_CHECKS: CrossCheck[] = [
  requireProviderKey("aws", "aws:region", "eu-west-1"),
  requireProviderKey("gcp", "gcp:project", "my-project"),
  requireProviderKey("gcp", "gcp:region", "europe-west1"),
  ...AWS_CROSS_CHECKS,
  ...GCP_CROSS_CHECKS,
  ...EXISTING_CLUSTER_CROSS_CHECKS,
  federationSecrets,
  ...TENANCY_CROSS_CHECKS,
  ...SHARED_DATABASE_CROSS_CHECKS,
];
