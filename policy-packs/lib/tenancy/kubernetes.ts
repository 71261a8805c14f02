/**
 * What a Kubernetes role binding or NetworkPolicy lets in from other namespaces: the namespaces
 * it names (binding subjects, `system:serviceaccount(s):<ns>` users and groups, namespace
 * selectors by name or tenant label), and the selectors that admit every namespace.
 */
import { BINDING_TOKENS, NETWORK_POLICY_TOKENS } from "../kubernetes/types";
import { arr, get, isRecord, rec, str, strings } from "../props";
import { K8S_PART_OF_LABEL, K8S_TENANT_LABEL, namespaceTenant, tenantsNamedIn } from "./tenant";

export const KUBERNETES_GRANT_TOKENS: readonly string[] = [
  ...BINDING_TOKENS,
  ...NETWORK_POLICY_TOKENS,
];

/** A tenant a binding or policy names, with where and how. */
export interface NamedTenant {
  readonly tenant: string;
  readonly evidence: string;
  readonly where: string;
}

export interface KubernetesGrants {
  readonly named: NamedTenant[];
  /** Selectors that admit every namespace (or all but some), by where they are. */
  readonly admitsAll: string[];
}

const NAME_LABEL = "kubernetes.io/metadata.name";

function bindingGrants(props: unknown, shared: readonly string[]): KubernetesGrants {
  const named: NamedTenant[] = [];
  arr(get(props, "subjects")).forEach((subject, i) => {
    const ns = str(get(subject, "namespace"));
    const t = namespaceTenant(ns, shared);
    if (t !== undefined) {
      named.push({ tenant: t, evidence: `namespace "${ns}"`, where: `subjects[${i}].namespace` });
    }
    const name = str(get(subject, "name"));
    if (name !== undefined) {
      for (const tenant of tenantsNamedIn(name, shared)) {
        named.push({ tenant, evidence: `"${name}"`, where: `subjects[${i}].name` });
      }
    }
  });
  return { named, admitsAll: [] };
}

/** Tenants a namespaceSelector selects by name or tenant label; "all" when it admits any namespace. */
function selected(
  selector: unknown,
  shared: readonly string[],
): { tenants: { tenant: string; evidence: string }[]; all: boolean } {
  const labels = rec(get(selector, "matchLabels"));
  const expressions = arr(get(selector, "matchExpressions")).filter(isRecord);
  if (Object.keys(labels).length === 0 && expressions.length === 0) {
    return { tenants: [], all: true };
  }
  const tenants: { tenant: string; evidence: string }[] = [];
  const byName = str(labels[NAME_LABEL]);
  const t = namespaceTenant(byName, shared);
  if (t !== undefined) {
    tenants.push({ tenant: t, evidence: `namespace "${byName}"` });
  }
  const instance = str(labels[K8S_TENANT_LABEL]);
  if (instance !== undefined && str(labels[K8S_PART_OF_LABEL]) === "enclave") {
    tenants.push({
      tenant: instance,
      evidence: `namespaces labelled ${K8S_TENANT_LABEL}=${instance}`,
    });
  }
  let all = false;
  for (const e of expressions) {
    const key = str(e.key);
    const op = str(e.operator);
    if (key !== NAME_LABEL) {
      continue;
    }
    if (op === "In") {
      for (const v of strings(e.values)) {
        const vt = namespaceTenant(v, shared);
        if (vt !== undefined) {
          tenants.push({ tenant: vt, evidence: `namespace "${v}"` });
        }
      }
    } else if (op === "NotIn" || op === "Exists") {
      // Every namespace but a few (NotIn), or every namespace (Exists: they all carry the label).
      all = Object.keys(labels).length === 0 && expressions.length === 1;
    }
  }
  return { tenants, all };
}

function networkPolicyGrants(props: unknown, shared: readonly string[]): KubernetesGrants {
  const named: NamedTenant[] = [];
  const admitsAll: string[] = [];
  for (const [direction, peers] of [
    ["ingress", "from"],
    ["egress", "to"],
  ] as const) {
    arr(get(props, `spec.${direction}`)).forEach((rule, i) => {
      arr(get(rule, peers)).forEach((peer, j) => {
        const selector = get(peer, "namespaceSelector");
        if (!isRecord(selector)) {
          return;
        }
        const where = `spec.${direction}[${i}].${peers}[${j}].namespaceSelector`;
        const s = selected(selector, shared);
        if (s.all) {
          admitsAll.push(where);
        }
        for (const { tenant, evidence } of s.tenants) {
          named.push({ tenant, evidence, where });
        }
      });
    });
  }
  return { named, admitsAll };
}

const BINDINGS = new Set(BINDING_TOKENS);

export function kubernetesGrants(
  type: string,
  props: unknown,
  shared: readonly string[],
): KubernetesGrants {
  return BINDINGS.has(type) ? bindingGrants(props, shared) : networkPolicyGrants(props, shared);
}
