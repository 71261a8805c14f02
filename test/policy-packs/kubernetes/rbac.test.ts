import { describe, expect, it } from "vitest";
import { resourcePolicyNamed } from "../../helpers/kubernetes-policy";
import { runResourcePolicy } from "../../helpers/policy";

const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const CLUSTER_ROLE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole";
const BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";
const CLUSTER_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";

const compliantRole = (): Record<string, any> => ({
  metadata: { name: "app", namespace: "enclave" },
  rules: [
    { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] },
    { apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["app"], verbs: ["get"] },
  ],
});

const run = (name: string, type: string, props: Record<string, unknown>) =>
  runResourcePolicy(resourcePolicyNamed(name), { type, props });

describe("kubernetes-rbac-role-disallow-wildcards", () => {
  const name = "kubernetes-rbac-role-disallow-wildcards";
  it("passes the compliant Role and ClusterRole", () => {
    expect(run(name, ROLE, compliantRole()).violations).toEqual([]);
    expect(run(name, CLUSTER_ROLE, compliantRole()).violations).toEqual([]);
  });
  for (const field of ["apiGroups", "resources", "verbs"]) {
    it(`flags "*" in ${field}`, () => {
      const role = compliantRole();
      role.rules[1][field] = ["*"];
      expect(run(name, ROLE, role).violations).toEqual([
        `rules grant wildcards: rule 1 in ${field} (*)`,
      ]);
    });
  }
  it('flags "*/<subresource>" and nonResourceURLs wildcards on a ClusterRole', () => {
    const role = compliantRole();
    role.rules.push(
      { apiGroups: ["apps"], resources: ["*/scale"], verbs: ["update"] },
      { nonResourceURLs: ["*"], verbs: ["get"] },
    );
    expect(run(name, CLUSTER_ROLE, role).violations).toEqual([
      "rules grant wildcards: rule 2 in resources (*/scale); rule 3 in nonResourceURLs (*)",
    ]);
  });
});

describe("kubernetes-rbac-role-disallow-escalation-verbs", () => {
  const name = "kubernetes-rbac-role-disallow-escalation-verbs";
  it("passes the compliant Role", () =>
    expect(run(name, ROLE, compliantRole()).violations).toEqual([]));
  it("flags escalate and bind on roles", () => {
    const role = compliantRole();
    role.rules.push({
      apiGroups: ["rbac.authorization.k8s.io"],
      resources: ["roles", "clusterroles"],
      verbs: ["escalate", "bind", "get"],
    });
    expect(run(name, ROLE, role).violations).toEqual([
      "rules grant privilege-escalation verbs: rule 2 grants escalate, bind on roles, clusterroles",
    ]);
  });
  it("flags impersonate", () => {
    const role = compliantRole();
    role.rules[0].verbs = ["impersonate"];
    role.rules[0].resources = ["serviceaccounts"];
    expect(run(name, CLUSTER_ROLE, role).violations).toEqual([
      "rules grant privilege-escalation verbs: rule 0 grants impersonate on serviceaccounts",
    ]);
  });
});

describe("kubernetes-rbac-binding-disallow-cluster-admin", () => {
  const name = "kubernetes-rbac-binding-disallow-cluster-admin";
  const binding = (roleName: string): Record<string, any> => ({
    metadata: { name: "app", namespace: "enclave" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName },
    subjects: [
      { kind: "ServiceAccount", name: "app", namespace: "enclave" },
      { kind: "Group", name: "ops", apiGroup: "rbac.authorization.k8s.io" },
    ],
  });
  it("passes bindings to other roles", () => {
    expect(run(name, BINDING, binding("view")).violations).toEqual([]);
    expect(run(name, CLUSTER_BINDING, binding("view")).violations).toEqual([]);
  });
  it("flags a ClusterRoleBinding to cluster-admin", () => {
    expect(run(name, CLUSTER_BINDING, binding("cluster-admin")).violations).toEqual([
      'binds the cluster-admin ClusterRole to ServiceAccount "enclave/app", Group "ops"',
    ]);
  });
  it("flags a RoleBinding to cluster-admin", () => {
    const b = binding("cluster-admin");
    delete b.subjects;
    expect(run(name, BINDING, b).violations).toEqual(["binds the cluster-admin ClusterRole"]);
  });
  it("does not confuse a namespaced Role that happens to be named cluster-admin", () => {
    const b = binding("cluster-admin");
    b.roleRef.kind = "Role";
    expect(run(name, BINDING, b).violations).toEqual([]);
  });
});
