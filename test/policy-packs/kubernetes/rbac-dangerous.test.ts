import { describe, expect, it } from "vitest";
import { resourcePolicyNamed } from "../../helpers/kubernetes-policy";
import { runResourcePolicy } from "../../helpers/policy";

const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const CLUSTER_ROLE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole";
const BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";
const CLUSTER_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";

/** A support role that reads what it troubleshoots (logs, webhooks, CSRs) and changes nothing dangerous. */
const compliantRole = (): Record<string, any> => ({
  metadata: { name: "support", namespace: "enclave" },
  rules: [
    {
      apiGroups: [""],
      resources: ["pods", "pods/log", "services"],
      verbs: ["get", "list", "watch"],
    },
    { apiGroups: [""], resources: ["pods"], verbs: ["delete"] },
    {
      apiGroups: ["admissionregistration.k8s.io"],
      resources: ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"],
      verbs: ["get", "list", "watch"],
    },
    {
      apiGroups: ["certificates.k8s.io"],
      resources: ["certificatesigningrequests"],
      verbs: ["get", "list", "watch"],
    },
    { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "patch"] },
  ],
});

describe("kubernetes-rbac-role-disallow-dangerous-subresources", () => {
  const policy = resourcePolicyNamed("kubernetes-rbac-role-disallow-dangerous-subresources");
  const run = (props: Record<string, unknown>, type = ROLE, config?: Record<string, unknown>) =>
    runResourcePolicy(policy, { type, props, config }).violations;
  const withRule = (rule: Record<string, unknown>) => {
    const role = compliantRole();
    role.rules.push(rule);
    return role;
  };
  const flagged = (detail: string, id = "enclave/support", kind = "Role") => [
    `${kind} "${id}" grants permissions that reach other identities: ${detail}.`,
  ];

  it("passes the compliant Role and ClusterRole (reads of pods, logs, webhooks and CSRs)", () => {
    expect(run(compliantRole())).toEqual([]);
    expect(run(compliantRole(), CLUSTER_ROLE)).toEqual([]);
  });

  const cases: Array<[string, Record<string, unknown>, string]> = [
    [
      "pods/exec",
      { apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] },
      "rule 5 lets it exec into pods (create on pods/exec)",
    ],
    [
      "pods/exec through a websocket get",
      { apiGroups: [""], resources: ["pods/exec"], verbs: ["get"] },
      "rule 5 lets it exec into pods (get on pods/exec)",
    ],
    [
      "pods/attach",
      { apiGroups: [""], resources: ["pods/attach"], verbs: ["create"] },
      "rule 5 lets it attach to pods (create on pods/attach)",
    ],
    [
      "pods/portforward",
      { apiGroups: [""], resources: ["pods/portforward"], verbs: ["create"] },
      "rule 5 lets it port-forward to pods (create on pods/portforward)",
    ],
    [
      "nodes/proxy, even with get only",
      { apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] },
      "rule 5 lets it reach the kubelet API (get on nodes/proxy)",
    ],
    [
      "create on pods",
      { apiGroups: [""], resources: ["pods"], verbs: ["create"] },
      "rule 5 lets it create pods (create on pods)",
    ],
    [
      "create on serviceaccounts/token",
      { apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] },
      "rule 5 lets it mint service account tokens (create on serviceaccounts/token)",
    ],
    [
      "a write to validating webhook configurations",
      {
        apiGroups: ["admissionregistration.k8s.io"],
        resources: ["validatingwebhookconfigurations"],
        verbs: ["patch"],
      },
      "rule 5 lets it change admission webhooks (patch on validatingwebhookconfigurations)",
    ],
    [
      "deleting mutating webhook configurations",
      {
        apiGroups: ["admissionregistration.k8s.io"],
        resources: ["mutatingwebhookconfigurations"],
        verbs: ["delete"],
      },
      "rule 5 lets it change admission webhooks (delete on mutatingwebhookconfigurations)",
    ],
    [
      "update on certificatesigningrequests/approval",
      {
        apiGroups: ["certificates.k8s.io"],
        resources: ["certificatesigningrequests/approval"],
        verbs: ["update"],
      },
      "rule 5 lets it approve certificate signing requests (update on certificatesigningrequests/approval)",
    ],
    [
      "approve on a Kubernetes signer",
      {
        apiGroups: ["certificates.k8s.io"],
        resources: ["signers"],
        resourceNames: ["kubernetes.io/kube-apiserver-client"],
        verbs: ["approve"],
      },
      "rule 5 lets it approve certificates for signers (approve on signers)",
    ],
    [
      "approve on cert-manager's signers",
      { apiGroups: ["cert-manager.io"], resources: ["signers"], verbs: ["approve"] },
      "rule 5 lets it approve certificates for signers (approve on signers)",
    ],
    [
      '"*" verbs on pods/exec',
      { apiGroups: [""], resources: ["pods/exec"], verbs: ["*"] },
      "rule 5 lets it exec into pods (create, get on pods/exec)",
    ],
    [
      '"*/exec" resources',
      { apiGroups: [""], resources: ["*/exec"], verbs: ["create"] },
      "rule 5 lets it exec into pods (create on pods/exec)",
    ],
    [
      '"*" apiGroups on CSR approval',
      { apiGroups: ["*"], resources: ["certificatesigningrequests/approval"], verbs: ["patch"] },
      "rule 5 lets it approve certificate signing requests (patch on certificatesigningrequests/approval)",
    ],
  ];
  for (const [what, rule, detail] of cases) {
    it(`flags ${what}`, () => expect(run(withRule(rule))).toEqual(flagged(detail)));
  }

  it('flags every dangerous grant a "*" resource with create reaches in the core group', () => {
    expect(run(withRule({ apiGroups: [""], resources: ["*"], verbs: ["create"] }))).toEqual(
      flagged(
        [
          "rule 5 lets it exec into pods (create on pods/exec)",
          "rule 5 lets it attach to pods (create on pods/attach)",
          "rule 5 lets it port-forward to pods (create on pods/portforward)",
          "rule 5 lets it reach the kubelet API (create on nodes/proxy)",
          "rule 5 lets it create pods (create on pods)",
          "rule 5 lets it mint service account tokens (create on serviceaccounts/token)",
        ].join("; "),
      ),
    );
  });

  it('flags all nine on a ClusterRole granting "*" on "*" in "*"', () => {
    const role = withRule({ apiGroups: ["*"], resources: ["*"], verbs: ["*"] });
    const [message] = run(role, CLUSTER_ROLE);
    expect(message).toMatch(
      /^ClusterRole "support" grants permissions that reach other identities: /,
    );
    expect(message!.split("; ")).toHaveLength(9);
  });

  it("leaves alone what the API server would not match: pods/* and another group's pods", () => {
    expect(run(withRule({ apiGroups: [""], resources: ["pods/*"], verbs: ["create"] }))).toEqual(
      [],
    );
    expect(
      run(withRule({ apiGroups: ["example.com"], resources: ["pods"], verbs: ["create"] })),
    ).toEqual([]);
    expect(
      run(withRule({ apiGroups: ["metrics.k8s.io"], resources: ["*"], verbs: ["create"] })),
    ).toEqual([]);
  });

  it("exempts only the roles the allowedRoles parameter names", () => {
    const role = withRule({
      apiGroups: [""],
      resources: ["serviceaccounts/token"],
      verbs: ["create"],
    });
    expect(run(role, ROLE, { allowedRoles: ["enclave/support"] })).toEqual([]);
    expect(run(role, ROLE, { allowedRoles: ["enclave/*"] })).toEqual([]);
    expect(run(role, ROLE, { allowedRoles: ["support", "other/support"] })).toHaveLength(1);
    expect(run(role, CLUSTER_ROLE, { allowedRoles: ["support"] })).toEqual([]);
  });

  it("reads rules with missing fields as granting nothing", () => {
    expect(run({ rules: [{ resources: ["pods/exec"] }, {}, null] })).toEqual([]);
    expect(run({})).toEqual([]);
  });
});

describe("kubernetes-rbac-binding-disallow-system-groups", () => {
  const policy = resourcePolicyNamed("kubernetes-rbac-binding-disallow-system-groups");
  const run = (props: Record<string, unknown>, type = BINDING) =>
    runResourcePolicy(policy, { type, props }).violations;
  const compliantBinding = (): Record<string, any> => ({
    metadata: { name: "support", namespace: "enclave" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "support" },
    subjects: [
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "acme-operators" },
      { kind: "ServiceAccount", name: "support", namespace: "enclave" },
    ],
  });
  const withSubject = (subject: Record<string, unknown>) => {
    const b = compliantBinding();
    b.subjects.push(subject);
    return b;
  };

  it("passes a RoleBinding and a ClusterRoleBinding to named groups and accounts", () => {
    expect(run(compliantBinding())).toEqual([]);
    expect(run(compliantBinding(), CLUSTER_BINDING)).toEqual([]);
  });
  it("flags the anonymous user", () => {
    expect(
      run(
        withSubject({
          kind: "User",
          apiGroup: "rbac.authorization.k8s.io",
          name: "system:anonymous",
        }),
      ),
    ).toEqual(['binds role "support" to system:anonymous (every unauthenticated request)']);
  });
  it("flags the unauthenticated group", () => {
    expect(run(withSubject({ kind: "Group", name: "system:unauthenticated" }))).toEqual([
      'binds role "support" to system:unauthenticated (every unauthenticated request)',
    ]);
  });
  it("flags the authenticated group, whatever the role (a ClusterRoleBinding of view)", () => {
    const b = withSubject({ kind: "Group", name: "system:authenticated" });
    b.roleRef = { kind: "ClusterRole", name: "view" };
    expect(run(b, CLUSTER_BINDING)).toEqual([
      'binds role "view" to system:authenticated (every authenticated identity, every service account included)',
    ]);
  });
  it("flags system:masters", () => {
    expect(run(withSubject({ kind: "Group", name: "system:masters" }))).toEqual([
      'binds role "support" to system:masters (a group that bypasses RBAC and cannot be revoked by removing a binding)',
    ]);
  });
  it("leaves other system: groups and partial bindings alone", () => {
    expect(run(withSubject({ kind: "Group", name: "system:serviceaccounts:enclave" }))).toEqual([]);
    expect(run({ subjects: [{}, null, { name: 3 }] })).toEqual([]);
    expect(run({ subjects: [{ kind: "Group", name: "system:masters" }] })).toEqual([
      "binds a role to system:masters (a group that bypasses RBAC and cannot be revoked by removing a binding)",
    ]);
  });
});
