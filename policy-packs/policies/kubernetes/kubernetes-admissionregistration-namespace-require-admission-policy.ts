import { stackPolicy } from "../../lib/define";
import { arr, get, rec, str, strings } from "../../lib/props";
import { podOf } from "../../lib/kubernetes/pod";
import { forEachKnown, tryRead, UNKNOWN } from "../../lib/stack";
import {
  ADMISSION_BINDING_TOKENS,
  ADMISSION_POLICY_TOKENS,
  isPatchToken,
  NAMESPACE_TOKENS,
} from "../../lib/kubernetes/types";

const NAME_LABEL = "kubernetes.io/metadata.name";

/** True when the policy's match constraints cover pod creation. */
function matchesPodCreation(spec: Readonly<Record<string, unknown>>): boolean {
  return arr(get(spec, "matchConstraints.resourceRules")).some((rule) => {
    const r = rec(rule);
    const groups = strings(r.apiGroups);
    const resources = strings(r.resources);
    const operations = strings(r.operations);
    return (
      (groups.includes("") || groups.includes("*")) &&
      (resources.includes("pods") || resources.includes("*")) &&
      (operations.includes("CREATE") || operations.includes("*"))
    );
  });
}

/** The namespaces a selector names by `kubernetes.io/metadata.name`, or "all" for no selector. */
function selectedNamespaces(selector: unknown): Set<string> | "all" {
  if (selector === undefined || selector === null) {
    return "all";
  }
  const s = rec(selector);
  const names = new Set<string>();
  const byLabel = str(rec(s.matchLabels)[NAME_LABEL]);
  if (byLabel !== undefined) {
    names.add(byLabel);
  }
  for (const e of arr(s.matchExpressions)) {
    const x = rec(e);
    if (str(x.key) === NAME_LABEL && str(x.operator) === "In") {
      strings(x.values).forEach((v) => names.add(v));
    }
  }
  if (names.size === 0 && Object.keys(s).length === 0) {
    return "all";
  }
  return names;
}

/** Namespaces covered by bindings: some by name, or all of them. */
class Coverage {
  private all = false;
  private readonly names = new Set<string>();
  add(selected: Set<string> | "all"): void {
    if (selected === "all") {
      this.all = true;
    } else {
      selected.forEach((n) => this.names.add(n));
    }
  }
  has(name: string): boolean {
    return this.all || this.names.has(name);
  }
}

export default stackPolicy({
  name: "kubernetes-admissionregistration-namespace-require-admission-policy",
  description:
    "Every Namespace the stack creates and runs pods in must be covered by a ValidatingAdmissionPolicy on pod creation, bound with the Deny action. Pod Security Admission and the stack's own checks rest on namespace labels and on the programs that deploy; an admission policy holds inside the API server whoever creates the pod and whatever happens to the labels.",
  severity: "medium",
  remediation:
    "Create a ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1) matching CREATE and UPDATE of pods, with CEL rules for pinned images from the allowed repositories and no privileged or host access, and a ValidatingAdmissionPolicyBinding with validationActions [Deny] whose matchResources.namespaceSelector selects the namespace (kubernetes.io/metadata.name).",
  controls: { nist: ["CM-7", "CM-7(5)", "SI-7", "AC-6"] },
  concern: "workload-security",
  resourceTypes: NAMESPACE_TOKENS.filter((t) => !isPatchToken(t)),
  check(resources, report) {
    // During a preview any value may be unknown. An unknown value skips only the namespaces it
    // could decide: a namespace is reported only when it certainly runs pods and certainly has
    // no binding, and every other namespace is still judged.
    const podPolicies = new Set<string>();
    // Policies whose match constraints are unknown, by name; and whether a policy that may match
    // pods has an unknown name (a binding naming no known policy may then mean it).
    const unsurePolicies = new Set<string>();
    let unnamedPolicy = false;
    for (const r of resources) {
      if (!ADMISSION_POLICY_TOKENS.includes(r.type)) {
        continue;
      }
      const name = tryRead(() => str(get(r.props, "metadata.name")));
      const matches = tryRead(() => matchesPodCreation(rec(rec(r.props).spec)));
      if (name === UNKNOWN) {
        unnamedPolicy = unnamedPolicy || matches !== false;
      } else if (name !== undefined && matches === UNKNOWN) {
        unsurePolicies.add(name);
      } else if (name !== undefined && matches) {
        podPolicies.add(name);
      }
    }
    const covered = new Coverage();
    const maybeCovered = new Coverage();
    for (const r of resources) {
      if (!ADMISSION_BINDING_TOKENS.includes(r.type)) {
        continue;
      }
      const binding = tryRead(() => {
        const spec = rec(rec(r.props).spec);
        return {
          policyName: str(spec.policyName),
          deny: strings(spec.validationActions).includes("Deny"),
        };
      });
      const selected = tryRead(() =>
        selectedNamespaces(get(rec(r.props).spec, "matchResources.namespaceSelector")),
      );
      const target = selected === UNKNOWN ? "all" : selected;
      if (binding === UNKNOWN) {
        maybeCovered.add(target);
        continue;
      }
      if (!binding.deny || binding.policyName === undefined) {
        continue;
      }
      if (podPolicies.has(binding.policyName)) {
        (selected === UNKNOWN ? maybeCovered : covered).add(target);
      } else if (unsurePolicies.has(binding.policyName) || unnamedPolicy) {
        maybeCovered.add(target);
      }
    }
    // Only namespaces that certainly run pods are judged: a pod owner with an unknown spec or
    // namespace may add one, never take one away.
    const withPods = new Set<string>();
    for (const r of resources) {
      if (isPatchToken(r.type)) {
        continue;
      }
      const namespace = tryRead(() =>
        podOf(r.type, r.props) !== undefined
          ? (str(get(r.props, "metadata.namespace")) ?? "default")
          : undefined,
      );
      if (namespace !== UNKNOWN && namespace !== undefined) {
        withPods.add(namespace);
      }
    }
    forEachKnown(resources, (r) => {
      if (!NAMESPACE_TOKENS.includes(r.type) || isPatchToken(r.type)) {
        return;
      }
      const name = str(get(r.props, "metadata.name"));
      if (
        name === undefined ||
        !withPods.has(name) ||
        covered.has(name) ||
        maybeCovered.has(name)
      ) {
        return;
      }
      report(
        `namespace "${name}" runs pods but no ValidatingAdmissionPolicy on pod creation is bound to it with the Deny action`,
        r.urn,
      );
    });
  },
});
