import type { ResourceView } from "../define";
import { arr, bool, get, rec, type Props } from "../props";
import { GCP } from "./types";

/**
 * Where a GKE resource declares the configuration of the nodes it creates:
 * - `default-pool`: a Standard cluster's `nodeConfig`, for the default pool it creates unless
 *   `removeDefaultNodePool` is true or `nodePools` are given inline (then no default pool is made);
 * - `pool`: an inline `nodePools[i]` of a cluster, or a `gcp.container.NodePool` resource;
 * - `auto-provisioning`: `clusterAutoscaling.autoProvisioningDefaults` when node auto-provisioning
 *   is on, for the pools GKE creates on its own;
 * - `autopilot`: the same block on an Autopilot cluster, where Google fixes the node image,
 *   Shielded VM settings and metadata server, and the user still picks the service account and
 *   boot-disk key.
 */
export type NodeSiteKind = "default-pool" | "pool" | "auto-provisioning" | "autopilot";

export interface NodeSite {
  readonly kind: NodeSiteKind;
  /** Path of the node configuration in the inputs, e.g. `nodePools[1].nodeConfig`. */
  readonly path: string;
  /** The node configuration; empty when absent (the provider's defaults then apply). */
  readonly config: Props;
  /** The pool's `management` block (auto-repair, auto-upgrade), where the site has one. */
  readonly management?: { readonly path: string; readonly value: Props };
  /** The pool's `networkConfig` block, where the site has one. */
  readonly network?: { readonly path: string; readonly value: Props };
}

export const GKE_NODE_TYPES = [GCP.cluster, GCP.nodePool] as const;

export function isAutopilot(props: Props): boolean {
  return bool(props.enableAutopilot) === true;
}

export function nodeSites(resource: ResourceView): NodeSite[] {
  const props = resource.props;
  if (resource.type === GCP.nodePool) {
    return [
      {
        kind: "pool",
        path: "nodeConfig",
        config: rec(props.nodeConfig),
        management: { path: "management", value: rec(props.management) },
        network: { path: "networkConfig", value: rec(props.networkConfig) },
      },
    ];
  }
  if (resource.type !== GCP.cluster) {
    return [];
  }
  const defaultsPath = "clusterAutoscaling.autoProvisioningDefaults";
  const provisioning = rec(get(props, defaultsPath));
  if (isAutopilot(props)) {
    return [{ kind: "autopilot", path: defaultsPath, config: provisioning }];
  }
  const sites: NodeSite[] = arr(props.nodePools).map((p, i) => {
    const pool = rec(p);
    return {
      kind: "pool",
      path: `nodePools[${i}].nodeConfig`,
      config: rec(pool.nodeConfig),
      management: { path: `nodePools[${i}].management`, value: rec(pool.management) },
      network: { path: `nodePools[${i}].networkConfig`, value: rec(pool.networkConfig) },
    };
  });
  if (sites.length === 0 && bool(props.removeDefaultNodePool) !== true) {
    sites.push({ kind: "default-pool", path: "nodeConfig", config: rec(props.nodeConfig) });
  }
  if (bool(get(props, "clusterAutoscaling.enabled")) === true) {
    sites.push({
      kind: "auto-provisioning",
      path: defaultsPath,
      config: provisioning,
      management: { path: `${defaultsPath}.management`, value: rec(provisioning.management) },
    });
  }
  return sites;
}

/** The sites of the given kinds; policies name the kinds where their setting is the user's to make. */
export function nodeSitesOf(resource: ResourceView, kinds: readonly NodeSiteKind[]): NodeSite[] {
  return nodeSites(resource).filter((s) => kinds.includes(s.kind));
}

/** `<project-number>-compute@developer.gserviceaccount.com`, or the literal `default`. */
export function isComputeDefaultServiceAccount(account: string): boolean {
  const a = account.trim().toLowerCase();
  return a === "default" || /^\d+-compute@developer\.gserviceaccount\.com$/.test(a);
}
