import { resourcePolicy } from "../../lib/define";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import {
  ALLOWED_ROLES_SCHEMA,
  describeGrants,
  matchesRolePattern,
  roleId,
  secretReadGrants,
} from "../../lib/kubernetes/rbac";
import { ROLE_TOKENS } from "../../lib/kubernetes/types";

interface Config {
  readonly allowedRoles: string[];
}

export default resourcePolicy<Config>({
  name: "kubernetes-rbac-role-restrict-secret-reads",
  description:
    'Roles and ClusterRoles must not grant get, list or watch on Secrets (or on "*" resources, or with "*" verbs) without resourceNames. Such a rule lets its subject read every Secret of the namespace (of every namespace, for a ClusterRole bound cluster-wide): credentials, keys and CA keys of workloads it has nothing to do with. list and watch return whole objects, data included, and cannot be limited to named Secrets for a controller that lists, so a workload that needs one Secret should get it mounted, or get it by name.',
  severity: "high",
  remediation:
    "Give the workload the Secrets it needs as volumes (the kubelet reads them, the workload needs no RBAC), or grant only get with resourceNames listing them. A controller that must list Secrets belongs in a namespace that holds nothing else; name it in the allowedRoles parameter with the reason.",
  controls: { nist: ["AC-3", "AC-6", "AC-6(1)"], cis: cisKubernetes("5.1.2") },
  concern: "least-privilege",
  resourceTypes: ROLE_TOKENS,
  configSchema: { properties: { allowedRoles: ALLOWED_ROLES_SCHEMA } },
  check(resource, report, config) {
    const grants = secretReadGrants(resource.props);
    if (grants.length === 0) {
      return;
    }
    const id = roleId(resource.type, resource.props);
    if (matchesRolePattern(id, config.allowedRoles ?? [])) {
      return;
    }
    report(
      `${resource.type.includes(":ClusterRole") ? "ClusterRole" : "Role"} "${id}" reads Secrets it does not name: ${describeGrants(grants)} without resourceNames.`,
    );
  },
});
