import { stackPolicy } from "../../lib/define";
import { arr, bool, get, isRecord, rec, str, strings } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { isPatchToken, NAMESPACE_TOKENS, NETWORK_POLICY_TOKENS } from "../../lib/kubernetes/types";

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
    "Every Namespace the stack creates must hold a default-deny NetworkPolicy: one that selects every pod (empty podSelector) and allows no ingress and, unless configured otherwise, no egress. Pods then accept and open only the connections that other NetworkPolicies allow explicitly, so a compromised pod cannot reach the rest of the cluster.",
  severity: "high",
  remediation:
    "Add a NetworkPolicy to each namespace with podSelector: {} and policyTypes: [Ingress, Egress] and no rules, then allow the required flows (ingress controller to app, app to database, DNS) with further NetworkPolicies.",
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
    for (const r of resources) {
      if (!NETWORK_POLICY_TOKENS.includes(r.type) || isPatchToken(r.type)) {
        continue;
      }
      const namespace = str(get(r.props, "metadata.namespace")) ?? "default";
      const set = denied.get(namespace) ?? new Set<Direction>();
      defaultDenies(rec(rec(r.props).spec)).forEach((d) => set.add(d));
      denied.set(namespace, set);
    }
    const required: Direction[] =
      bool(config.requireEgress) === false ? ["Ingress"] : ["Ingress", "Egress"];
    for (const r of resources) {
      if (!NAMESPACE_TOKENS.includes(r.type) || isPatchToken(r.type)) {
        continue;
      }
      const name = str(get(r.props, "metadata.name"));
      if (name === undefined) {
        continue;
      }
      const missing = required.filter((d) => !denied.get(name)?.has(d));
      if (missing.length > 0) {
        report(
          `namespace "${name}" has no default-deny NetworkPolicy for ${missing.join(" and ")}`,
          r.urn,
        );
      }
    }
  },
});
