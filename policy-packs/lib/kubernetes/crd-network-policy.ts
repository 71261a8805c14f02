/**
 * Default-deny policies of the CNI plugins' own resources, which a cluster running Cilium or
 * Calico may use instead of (or besides) Kubernetes NetworkPolicies:
 *
 * - Cilium `CiliumNetworkPolicy` (namespaced) and `CiliumClusterwideNetworkPolicy`: an
 *   `endpointSelector: {}` selects every endpoint; a direction is denied by default when the
 *   policy has rules for it that all allow nothing (`ingress: [{}]`), or sets
 *   `enableDefaultDeny.<direction>: true` without allowing anything, or denies every entity
 *   (`ingressDeny: [{ fromEntities: [all] }]`). A single policy may carry `specs: [...]`.
 * - Calico `NetworkPolicy` (namespaced) and `GlobalNetworkPolicy` (projectcalico.org/v3 and
 *   crd.projectcalico.org/v1): `selector: all()` (or none) selects every endpoint; a direction in
 *   `types` with no rules, or only unconditional `Deny` rules, denies it by default.
 */
import type { Props } from "../props";
import { arr, bool, get, isRecord, rec, str, strings } from "../props";

export type Direction = "Ingress" | "Egress";

const CILIUM = "cilium.io/v2";
const CALICO = ["projectcalico.org/v3", "crd.projectcalico.org/v1"];

export const CILIUM_POLICY = `kubernetes:${CILIUM}:CiliumNetworkPolicy`;
export const CILIUM_CLUSTERWIDE_POLICY = `kubernetes:${CILIUM}:CiliumClusterwideNetworkPolicy`;
export const CALICO_POLICIES = CALICO.map((gv) => `kubernetes:${gv}:NetworkPolicy`);
export const CALICO_GLOBAL_POLICIES = CALICO.map((gv) => `kubernetes:${gv}:GlobalNetworkPolicy`);
export const CRD_NETWORK_POLICY_TOKENS = [
  CILIUM_POLICY,
  CILIUM_CLUSTERWIDE_POLICY,
  ...CALICO_POLICIES,
  ...CALICO_GLOBAL_POLICIES,
];

/** What a CRD policy denies by default, and where: one namespace, or every namespace. */
export interface CrdDefaultDeny {
  readonly namespace: string | "*";
  readonly directions: Direction[];
}

/** Cilium's label for an endpoint's namespace (a clusterwide policy may select one by it). */
const CILIUM_NAMESPACE_LABELS = ["k8s:io.kubernetes.pod.namespace", "io.kubernetes.pod.namespace"];

/** "*" for every endpoint, a namespace name for every endpoint of one namespace, else undefined. */
function ciliumScope(selector: unknown): "*" | string | undefined {
  if (!isRecord(selector)) {
    return undefined;
  }
  if (arr(selector.matchExpressions).length > 0) {
    return undefined;
  }
  const labels = Object.entries(rec(selector.matchLabels));
  if (labels.length === 0) {
    return "*";
  }
  const [only] = labels;
  return labels.length === 1 && CILIUM_NAMESPACE_LABELS.includes(only![0])
    ? str(only![1])
    : undefined;
}

function ciliumDenies(spec: Props): Direction[] {
  const out: Direction[] = [];
  for (const [d, allow, deny, peers] of [
    ["Ingress", "ingress", "ingressDeny", "fromEntities"],
    ["Egress", "egress", "egressDeny", "toEntities"],
  ] as const) {
    const rules = arr(spec[allow]);
    const allowsNothing = rules.every((r) => isRecord(r) && Object.keys(r).length === 0);
    const explicit = bool(get(spec, `enableDefaultDeny.${d.toLowerCase()}`));
    const byDefault = explicit === true || (explicit === undefined && rules.length > 0);
    const deniesAll = arr(spec[deny]).some(
      (r) => strings(get(r, peers)).includes("all") && get(r, "toPorts") === undefined,
    );
    if ((byDefault && allowsNothing) || deniesAll) {
      out.push(d);
    }
  }
  return out;
}

function calicoSelectsAll(selector: unknown): boolean {
  if (selector === undefined || selector === null) {
    return true;
  }
  const s = str(selector)?.replace(/\s+/g, "");
  return s === "" || s === "all()";
}

function calicoDenies(spec: Props): Direction[] {
  const ingress = arr(spec.ingress);
  const egress = arr(spec.egress);
  const declared = strings(spec.types).filter(
    (t): t is Direction => t === "Ingress" || t === "Egress",
  );
  // Calico's default: Ingress, plus Egress when egress rules are given (Egress alone when only they are).
  const types: Direction[] =
    declared.length > 0
      ? declared
      : egress.length > 0
        ? ingress.length > 0
          ? ["Ingress", "Egress"]
          : ["Egress"]
        : ["Ingress"];
  const unconditionalDeny = (r: unknown) =>
    str(get(r, "action")) === "Deny" &&
    Object.keys(rec(r)).every((k) => k === "action" || k === "metadata");
  return types.filter((t) => {
    const rules = t === "Ingress" ? ingress : egress;
    return rules.length === 0 || unconditionalDeny(rules[0]);
  });
}

/** The default deny a CRD policy puts in place, if any (undefined for other types). */
export function crdDefaultDeny(type: string, props: Props): CrdDefaultDeny | undefined {
  const namespace = str(get(props, "metadata.namespace")) ?? "default";
  const spec = rec(props.spec);
  if (type === CILIUM_POLICY || type === CILIUM_CLUSTERWIDE_POLICY) {
    const specs = [...(isRecord(props.spec) ? [spec] : []), ...arr(props.specs).map(rec)];
    const directions = new Set<Direction>();
    let scope: string | undefined;
    for (const s of specs) {
      const selected = ciliumScope(s.endpointSelector);
      const where =
        selected === undefined
          ? undefined
          : type === CILIUM_POLICY
            ? selected === "*" || selected === namespace
              ? namespace
              : undefined
            : selected;
      if (where === undefined || (scope !== undefined && scope !== where)) {
        continue;
      }
      scope = where;
      ciliumDenies(s).forEach((d) => directions.add(d));
    }
    return scope === undefined ? undefined : { namespace: scope, directions: [...directions] };
  }
  if (CALICO_POLICIES.includes(type) || CALICO_GLOBAL_POLICIES.includes(type)) {
    if (!calicoSelectsAll(spec.selector)) {
      return undefined;
    }
    if (CALICO_GLOBAL_POLICIES.includes(type)) {
      if (!calicoSelectsAll(spec.namespaceSelector)) {
        return undefined;
      }
      return { namespace: "*", directions: calicoDenies(spec) };
    }
    return { namespace, directions: calicoDenies(spec) };
  }
  return undefined;
}
