import { resourcePolicy } from "../../lib/define";
import { arr, rec, str } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { BINDING_TOKENS } from "../../lib/kubernetes/types";

function subjectLabel(s: Readonly<Record<string, unknown>>): string {
  const kind = str(s.kind) ?? "subject";
  const name = str(s.name) ?? "";
  const namespace = str(s.namespace);
  return `${kind} "${namespace !== undefined && kind === "ServiceAccount" ? `${namespace}/${name}` : name}"`;
}

export default resourcePolicy({
  name: "kubernetes-rbac-binding-disallow-cluster-admin",
  description:
    "RoleBindings and ClusterRoleBindings must not bind the cluster-admin ClusterRole. cluster-admin grants every verb on every resource; bound cluster-wide it owns the cluster, and bound in a namespace it owns everything there, including its Secrets and RBAC.",
  severity: "critical",
  remediation:
    "Bind a role that lists only the resources and verbs the subjects need (the built-in view, edit or admin ClusterRoles, or a dedicated Role). Keep cluster-admin for break-glass access outside the stack.",
  controls: { nist: ["AC-6", "AC-6(5)"], cis: cisKubernetes("5.1.1") },
  concern: "least-privilege",
  resourceTypes: BINDING_TOKENS,
  check(resource, report) {
    const roleRef = rec(resource.props.roleRef);
    const kind = str(roleRef.kind);
    if (roleRef.name !== "cluster-admin" || (kind !== undefined && kind !== "ClusterRole")) {
      return;
    }
    const subjects = arr(resource.props.subjects).map((s) => subjectLabel(rec(s)));
    report(
      subjects.length > 0
        ? `binds the cluster-admin ClusterRole to ${subjects.join(", ")}`
        : "binds the cluster-admin ClusterRole",
    );
  },
});
