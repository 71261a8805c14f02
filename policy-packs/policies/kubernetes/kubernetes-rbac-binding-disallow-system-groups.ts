import { resourcePolicy } from "../../lib/define";
import { arr, rec, str } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { BINDING_TOKENS } from "../../lib/kubernetes/types";

/** Identities the API server gives to everyone, or that bypass RBAC altogether. */
const SYSTEM_SUBJECTS: Readonly<Record<string, string>> = {
  "system:anonymous": "every unauthenticated request",
  "system:unauthenticated": "every unauthenticated request",
  "system:authenticated": "every authenticated identity, every service account included",
  "system:masters": "a group that bypasses RBAC and cannot be revoked by removing a binding",
};

export default resourcePolicy({
  name: "kubernetes-rbac-binding-disallow-system-groups",
  description:
    "RoleBindings and ClusterRoleBindings must not bind any role to system:anonymous, system:unauthenticated or system:authenticated, nor name system:masters. The first two grant the role to every request that reaches the API server without credentials, system:authenticated to every identity that has any (each pod's service account, and on some managed clusters any account of the cloud provider); system:masters is hard-wired to unrestricted access, whatever the bindings say.",
  severity: "critical",
  remediation:
    "Bind the role to the users, groups or service accounts that need it by name (a group of the identity provider, a dedicated ServiceAccount). Keep system:masters for the cluster's break-glass certificate, outside any stack.",
  controls: { nist: ["AC-3", "AC-6", "AC-14"], cis: cisKubernetes("5.1.7") },
  concern: "least-privilege",
  resourceTypes: BINDING_TOKENS,
  check(resource, report) {
    const found = arr(resource.props.subjects)
      .map((s) => rec(s))
      .filter((s) => str(s.kind) !== "ServiceAccount")
      .map((s) => str(s.name))
      .filter((n): n is string => n !== undefined && n in SYSTEM_SUBJECTS);
    if (found.length === 0) {
      return;
    }
    const role = str(rec(resource.props.roleRef).name);
    const to = [...new Set(found)].map((n) => `${n} (${SYSTEM_SUBJECTS[n]})`).join(", ");
    report(`binds ${role !== undefined ? `role "${role}"` : "a role"} to ${to}`);
  },
});
