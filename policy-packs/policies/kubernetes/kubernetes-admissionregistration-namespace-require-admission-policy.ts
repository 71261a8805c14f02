import { stackPolicy } from "../../lib/define";
import { arr, get, rec, str, strings } from "../../lib/props";
import { podOf } from "../../lib/kubernetes/pod";
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
    const podPolicies = new Set<string>();
    for (const r of resources) {
      const name = str(get(r.props, "metadata.name"));
      if (
        ADMISSION_POLICY_TOKENS.includes(r.type) &&
        name !== undefined &&
        matchesPodCreation(rec(rec(r.props).spec))
      ) {
        podPolicies.add(name);
      }
    }
    const covered = new Set<string>();
    let coversAll = false;
    for (const r of resources) {
      if (!ADMISSION_BINDING_TOKENS.includes(r.type)) {
        continue;
      }
      const spec = rec(rec(r.props).spec);
      const policyName = str(spec.policyName);
      if (policyName === undefined || !podPolicies.has(policyName)) {
        continue;
      }
      if (!strings(spec.validationActions).includes("Deny")) {
        continue;
      }
      const selected = selectedNamespaces(get(spec, "matchResources.namespaceSelector"));
      if (selected === "all") {
        coversAll = true;
      } else {
        selected.forEach((n) => covered.add(n));
      }
    }
    const withPods = new Set<string>();
    for (const r of resources) {
      if (podOf(r.type, r.props) !== undefined && !isPatchToken(r.type)) {
        withPods.add(str(get(r.props, "metadata.namespace")) ?? "default");
      }
    }
    for (const r of resources) {
      if (!NAMESPACE_TOKENS.includes(r.type) || isPatchToken(r.type)) {
        continue;
      }
      const name = str(get(r.props, "metadata.name"));
      if (name === undefined || !withPods.has(name) || coversAll || covered.has(name)) {
        continue;
      }
      report(
        `namespace "${name}" runs pods but no ValidatingAdmissionPolicy on pod creation is bound to it with the Deny action`,
        r.urn,
      );
    }
  },
});
