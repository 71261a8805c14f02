import { resourcePolicy } from "../../lib/define";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { rulesOf } from "../../lib/kubernetes/rbac";
import { ROLE_TOKENS } from "../../lib/kubernetes/types";

const ESCALATION_VERBS = ["escalate", "bind", "impersonate"];

export default resourcePolicy({
  name: "kubernetes-rbac-role-disallow-escalation-verbs",
  description:
    "Roles and ClusterRoles must not grant the escalate, bind or impersonate verbs. Escalate and bind let a subject create or bind roles with more permissions than it holds, and impersonate lets it act as any user, group or service account: each is a path to cluster-admin.",
  severity: "high",
  remediation:
    "Remove escalate, bind and impersonate from the rules' verbs. Let a cluster administrator create the roles and bindings a workload needs, through the stack, instead of granting the workload the right to do so.",
  controls: { nist: ["AC-6", "AC-6(10)"], cis: cisKubernetes("5.1.8") },
  concern: "least-privilege",
  resourceTypes: ROLE_TOKENS,
  check(resource, report) {
    const parts: string[] = [];
    for (const rule of rulesOf(resource.props)) {
      const verbs = rule.verbs.filter((v) => ESCALATION_VERBS.includes(v));
      if (verbs.length > 0) {
        const on = rule.resources.length > 0 ? ` on ${rule.resources.join(", ")}` : "";
        parts.push(`rule ${rule.index} grants ${verbs.join(", ")}${on}`);
      }
    }
    if (parts.length > 0) {
      report(`rules grant privilege-escalation verbs: ${parts.join("; ")}`);
    }
  },
});
