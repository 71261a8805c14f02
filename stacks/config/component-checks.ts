import { validateFootprintArgs } from "../../components/aws/footprint/validate";
import { EXISTING_CLUSTER_CLIENT_STORE } from "../../components/existing-cluster/client-store";
import { validateNodeSizes, validatePublicEndpoint } from "../../components/aws/eks/validate";
import type { Problem } from "../../components/shared/problems";
import { validateTenancy } from "../../components/shared/validate";
import {
  validateAuthorizedNetworks,
  validateNetworkRanges,
} from "../../components/gcp/network/validate";
import { validateServiceRange } from "../../components/gcp/database/validate";
import { validateNodePool } from "../../components/gcp/cluster/validate";
import { resolveGcpSettings } from "./gcp-settings";
import type { AwsConfig } from "./aws";
import { awsFootprintArgs, resolveAwsSettings } from "./aws-settings";
import type { CrossCheck } from "./cross";
import type { ConfigIssue } from "./errors";
import type { EnclaveConfig } from "./types";

/**
 * The components' own validators, run once on the settings a stack's config resolves to. Each
 * rule lives in its component; this module only maps argument paths to config keys (and argument
 * names in the text to the keys that set them) for the one all-at-once message.
 */
export interface KeyMapping {
  /** Argument path prefix -> config key prefix, e.g. `settings` -> `enclave:aws`. */
  readonly paths: readonly (readonly [string, string])[];
  /** Argument names used in problem and fix texts -> the config keys that set them. */
  readonly names?: Readonly<Record<string, string>>;
}

function rename(text: string, names: Readonly<Record<string, string>>): string {
  return Object.entries(names).reduce(
    (t, [arg, key]) => t.replace(new RegExp(`\\b${arg.replace(/\./g, "\\.")}\\b`, "g"), key),
    text,
  );
}

export function toConfigIssues(problems: readonly Problem[], mapping: KeyMapping): ConfigIssue[] {
  return problems.map((p) => {
    const match = mapping.paths.find(
      ([from]) => p.path === from || p.path.startsWith(`${from}.`) || p.path.startsWith(`${from}[`),
    );
    if (match === undefined) {
      throw new Error(`No config key maps the argument path ${p.path}: add it to the mapping`);
    }
    const names = mapping.names ?? {};
    return {
      key: `${match[1]}${p.path.slice(match[0].length)}`,
      value: p.value,
      problem: rename(p.problem, names),
      fix: rename(p.fix, names),
    };
  });
}

/** Where the footprint's arguments come from in the stack config. */
const FOOTPRINT_KEYS: KeyMapping = {
  paths: [
    ["clientHosted", "enclave:clientHosted"],
    ["allowlist", "enclave:allowlist"],
    ["settings", "enclave:aws"],
  ],
  names: {
    isolation: "enclave:isolation",
    region: "aws:region",
    "settings.clusterAdminSsoRoleArns": "enclave:aws.clusterAdminSsoRoleArns",
    "settings.clusterAdminRoleArns": "enclave:aws.clusterAdminRoleArns",
    "settings.tenantOperatorRoleArns": "enclave:aws.tenantOperatorRoleArns",
  },
};

/** Where the EKS cluster's node sizes and endpoint come from. */
const CLUSTER_KEYS: KeyMapping = {
  paths: [
    ["nodes.minSize", "enclave:aws.nodeMinSize"],
    ["nodes.desiredSize", "enclave:aws.nodeDesiredSize"],
    ["adminCidrs", "enclave:allowlist.admin"],
  ],
  names: {
    minSize: "nodeMinSize",
    desiredSize: "nodeDesiredSize",
    maxSize: "nodeMaxSize",
    publicEndpoint: "enclave:aws.publicApiEndpoint",
  },
};

const asConfig = (config: Readonly<Record<string, unknown>>) => config as unknown as EnclaveConfig;

/** The AWS footprint's rules (tenancy, admin allowlist, RDS CA bundle) on the resolved settings. */
const awsFootprint: CrossCheck = (config, raw) => {
  const region = raw["aws:region"];
  if (config["cloud"] !== "aws" || region === undefined) {
    return [];
  }
  return toConfigIssues(
    validateFootprintArgs(awsFootprintArgs({ ...asConfig(config), awsRegion: region })),
    FOOTPRINT_KEYS,
  );
};

/** The EKS cluster's rules on node sizes (after the environment's defaults) and its endpoint. */
const awsCluster: CrossCheck = (config) => {
  if (config["cloud"] !== "aws") {
    return [];
  }
  const c = asConfig(config);
  const s = resolveAwsSettings(c.environment, c.aws);
  const given = (c.aws ?? {}) as AwsConfig;
  const nodes = {
    minSize: s.nodeSizes.min,
    desiredSize: s.nodeSizes.desired,
    maxSize: s.nodeSizes.max,
  };
  const defaulted: Record<string, boolean> = {
    minSize: given.nodeMinSize === undefined,
    desiredSize: given.nodeDesiredSize === undefined,
  };
  const sizes = validateNodeSizes(nodes).map((p) => ({
    ...p,
    path: `nodes.${p.path}`,
    problem: defaulted[p.path] ? `${p.problem}, taking the ${c.environment} default` : p.problem,
  }));
  const endpoint = validatePublicEndpoint({
    publicEndpoint: s.publicApiEndpoint,
    adminCidrs: c.allowlist.admin,
  });
  return toConfigIssues([...sizes, ...endpoint], CLUSTER_KEYS);
};

/**
 * Tenancy on the existing cluster (the AWS footprint runs the same rule with its own fields). The
 * GCP target is not built yet and stops in the target (stacks/targets/index.ts).
 */
const tenancy: CrossCheck = (config) =>
  config["cloud"] !== "kubernetes"
    ? []
    : toConfigIssues(
        validateTenancy({ ...asConfig(config), uses: EXISTING_CLUSTER_CLIENT_STORE }),
        {
          paths: [["clientHosted", "enclave:clientHosted"]],
          names: { isolation: "enclave:isolation" },
        },
      );

/** Where the GCP network's ranges and the control plane's authorized networks come from. */
const GCP_NETWORK_KEYS: KeyMapping = {
  paths: [
    ["ranges", "enclave:gcp"],
    ["nodes", "enclave:gcp.nodes"],
    ["adminCidrs", "enclave:allowlist.admin"],
    ["serviceRangeCidr", "enclave:gcp.databaseRangeCidr"],
  ],
  names: { publicEndpoint: "enclave:gcp.publicEndpoint" },
};

/**
 * The GCP network's rules on the resolved ranges (defaults included), the admin allowlist as
 * the control plane's master authorized networks, and the node pool's sizes.
 */
const gcpNetwork: CrossCheck = (config) => {
  if (config["cloud"] !== "gcp") {
    return [];
  }
  const c = asConfig(config);
  const s = resolveGcpSettings(c.environment, c.gcp);
  const problems = [
    ...validateNetworkRanges(s.ranges).map((p) => ({ ...p, path: `ranges.${p.path}` })),
    ...validateAuthorizedNetworks({
      adminCidrs: c.allowlist.admin,
      publicEndpoint: s.publicEndpoint,
    }),
    // Cloud SQL's Private Service Access range, clear of the VPC's own ranges.
    ...validateServiceRange(s.databaseRangeCidr, Object.values(s.ranges)),
    ...validateNodePool(s.nodes).map((p) => ({
      ...p,
      problem:
        (c.gcp?.nodes as Record<string, unknown> | undefined)?.[p.path.replace(/^nodes\./, "")] ===
        undefined
          ? `${p.problem}, taking the ${c.environment} default`
          : p.problem,
    })),
  ];
  return toConfigIssues(problems, GCP_NETWORK_KEYS);
};

/** Run after the cross-key checks pass: components see only config the config module accepted. */
export const COMPONENT_CHECKS: CrossCheck[] = [tenancy, awsFootprint, awsCluster, gcpNetwork];
