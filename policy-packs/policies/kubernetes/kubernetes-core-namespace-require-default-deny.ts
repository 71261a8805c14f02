import { stackPolicy } from "../../lib/define";
import { arr, bool, get, isRecord, rec, str, strings } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { isPatchToken, NAMESPACE_TOKENS, NETWORK_POLICY_TOKENS } from "../../lib/kubernetes/types";
import {
  CALICO_GLOBAL_POLICIES,
  CILIUM_CLUSTERWIDE_POLICY,
  CRD_NETWORK_POLICY_TOKENS,
  crdDefaultDeny,
} from "../../lib/kubernetes/crd-network-policy";
import { forEachKnown, tryRead, UNKNOWN } from "../../lib/stack";

/** CRD policies that may cover every namespace. */
const CLUSTER_WIDE = [CILIUM_CLUSTERWIDE_POLICY, ...CALICO_GLOBAL_POLICIES];

type Direction = "Ingress" | "Egress";

interface Config {
  readonly requireEgress: boolean;
}

/** An empty podSelector selects every pod of the namespace. */
function selectsAllPods(spec: Readonly<Record<string, unknown>>): boolean {
  const selector = spec.podSelector;
  if (selector === undefined || selector === null) {
    return true;
  }
  if (!isRecord(selector)) {
    return false;
  }
  return (
    Object.keys(rec(selector.matchLabels)).length === 0 &&
    arr(selector.matchExpressions).length === 0
  );
}

/** The directions a NetworkPolicy denies by default for every pod of its namespace. */
export function defaultDenies(spec: Readonly<Record<string, unknown>>): Direction[] {
  if (!selectsAllPods(spec)) {
    return [];
  }
  const declared = strings(spec.policyTypes);
  // Without policyTypes the API server applies Ingress, and Egress only when egress rules are
  // given (so such a policy never denies egress by default).
  const types: Direction[] =
    declared.length > 0
      ? declared.filter((t): t is Direction => t === "Ingress" || t === "Egress")
      : ["Ingress"];
  return types.filter((t) => arr(spec[t === "Ingress" ? "ingress" : "egress"]).length === 0);
}

export default stackPolicy<Config>({
  name: "kubernetes-core-namespace-require-default-deny",
  description:
    "Every Namespace the stack creates must hold a default-deny NetworkPolicy: one that selects every pod (empty podSelector) and allows no ingress and, unless configured otherwise, no egress. Cilium (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy) and Calico (NetworkPolicy, GlobalNetworkPolicy) default-deny policies count too. Pods then accept and open only the connections that other NetworkPolicies allow explicitly, so a compromised pod cannot reach the rest of the cluster.",
  severity: "high",
  remediation:
    "Add a NetworkPolicy to each namespace with podSelector: {} and policyTypes: [Ingress, Egress] and no rules, then allow the required flows (ingress controller to app, app to database, DNS) with further NetworkPolicies. On Cilium or Calico the CNI's own default-deny policy (endpointSelector: {} with ingress: [{}] and egress: [{}]; selector: all() with types [Ingress, Egress] and no rules) does as well.",
  controls: { nist: ["AC-4", "SC-7", "SC-7(5)"], cis: cisKubernetes("5.3.2") },
  concern: "network-exposure",
  resourceTypes: NAMESPACE_TOKENS.filter((t) => !isPatchToken(t)),
  configSchema: {
    properties: {
      requireEgress: {
        type: "boolean",
        default: true,
        description: "Require a default deny for egress as well as ingress.",
      },
    },
  },
  check(resources, report, config) {
    const denied = new Map<string, Set<Direction>>();
    const deny = (namespace: string, directions: readonly Direction[]) => {
      const set = denied.get(namespace) ?? new Set<Direction>();
      directions.forEach((d) => set.add(d));
      denied.set(namespace, set);
    };
    // Namespaces a policy of unknown content (a preview) may cover: judged once it is known.
    const uncertain = new Set<string>();
    let uncertainEverywhere = false;
    for (const r of resources) {
      const native = NETWORK_POLICY_TOKENS.includes(r.type) && !isPatchToken(r.type);
      if (!native && !CRD_NETWORK_POLICY_TOKENS.includes(r.type)) {
        continue;
      }
      const read = tryRead(() =>
        native
          ? {
              namespace: str(get(r.props, "metadata.namespace")) ?? "default",
              directions: defaultDenies(rec(rec(r.props).spec)),
            }
          : crdDefaultDeny(r.type, r.props),
      );
      if (read === UNKNOWN) {
        const namespace = tryRead(() => str(get(r.props, "metadata.namespace")));
        if (namespace === UNKNOWN || CLUSTER_WIDE.includes(r.type)) {
          uncertainEverywhere = true;
        } else {
          uncertain.add(namespace ?? "default");
        }
      } else if (read !== undefined) {
        deny(read.namespace, read.directions);
      }
    }
    const required: Direction[] =
      bool(config.requireEgress) === false ? ["Ingress"] : ["Ingress", "Egress"];
    forEachKnown(
      resources.filter((r) => NAMESPACE_TOKENS.includes(r.type) && !isPatchToken(r.type)),
      (r) => {
        const name = str(get(r.props, "metadata.name"));
        if (name === undefined) {
          return;
        }
        const missing = required.filter(
          (d) => !denied.get(name)?.has(d) && !denied.get("*")?.has(d),
        );
        if (missing.length > 0 && !uncertainEverywhere && !uncertain.has(name)) {
          report(
            `namespace "${name}" has no default-deny NetworkPolicy for ${missing.join(" and ")}`,
            r.urn,
          );
        }
      },
    );
  },
});
