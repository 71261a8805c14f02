import { resourcePolicy } from "../../lib/define";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { isWildcard, rulesOf } from "../../lib/kubernetes/rbac";
import { ROLE_TOKENS } from "../../lib/kubernetes/types";

const FIELDS = ["apiGroups", "resources", "verbs", "nonResourceURLs"] as const;

export default resourcePolicy({
  name: "kubernetes-rbac-role-disallow-wildcards",
  description:
    'Roles and ClusterRoles must not grant wildcards ("*") in apiGroups, resources, verbs or nonResourceURLs. A wildcard grants every present and future API group, resource or verb, including ones added later by operators and CRDs.',
  severity: "high",
  remediation:
    'List the exact apiGroups, resources and verbs the subject needs in every rule (for example get, list and watch on configmaps) instead of "*".',
  controls: { nist: ["AC-3", "AC-6"], cis: cisKubernetes("5.1.3") },
  concern: "least-privilege",
  resourceTypes: ROLE_TOKENS,
  check(resource, report) {
    const parts: string[] = [];
    for (const rule of rulesOf(resource.props)) {
      const fields = FIELDS.filter((f) => rule[f].some(isWildcard)).map(
        (f) => `${f} (${rule[f].filter(isWildcard).join(", ")})`,
      );
      if (fields.length > 0) {
        parts.push(`rule ${rule.index} in ${fields.join(", ")}`);
      }
    }
    if (parts.length > 0) {
      report(`rules grant wildcards: ${parts.join("; ")}`);
    }
  },
});
