import { describe, expect, it } from "vitest";
import { resourcePolicyNamed, stackPolicyNamed } from "../../helpers/kubernetes-policy";
import { runResourcePolicy, runStackPolicy, urnOf } from "../../helpers/policy";

const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const CLUSTER_ROLE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole";
const SECRET = "kubernetes:core/v1:Secret";
const CERTIFICATE = "kubernetes:cert-manager.io/v1:Certificate";
const ISSUER = "kubernetes:cert-manager.io/v1:Issuer";

/** A Role that reads only Secrets it names (and other resources freely). */
const compliantRole = (): Record<string, any> => ({
  metadata: { name: "proxy", namespace: "edge" },
  rules: [
    { apiGroups: [""], resources: ["services", "configmaps"], verbs: ["get", "list", "watch"] },
    { apiGroups: [""], resources: ["secrets"], resourceNames: ["public-tls"], verbs: ["get"] },
  ],
});

/** The Role enclave's Traefik had before the fix (components/app/ingress/traefik.ts). */
const preFixTraefikRole = (): Record<string, any> => ({
  metadata: { name: "traefik", namespace: "enclave-acme" },
  rules: [
    {
      apiGroups: [""],
      resources: ["services", "secrets", "configmaps"],
      verbs: ["get", "list", "watch"],
    },
    { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list", "watch"] },
    { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: ["get", "list", "watch"] },
    { apiGroups: ["networking.k8s.io"], resources: ["ingresses/status"], verbs: ["update"] },
  ],
});

describe("kubernetes-rbac-role-restrict-secret-reads", () => {
  const policy = resourcePolicyNamed("kubernetes-rbac-role-restrict-secret-reads");
  const run = (props: Record<string, unknown>, type = ROLE, config?: Record<string, unknown>) =>
    runResourcePolicy(policy, { type, props, config }).violations;

  it("passes a Role and a ClusterRole that read only named Secrets", () => {
    expect(run(compliantRole())).toEqual([]);
    expect(run(compliantRole(), CLUSTER_ROLE)).toEqual([]);
  });
  it("fires on the kit's pre-fix Traefik Role", () => {
    expect(run(preFixTraefikRole())).toEqual([
      'Role "enclave-acme/traefik" reads Secrets it does not name: rule 0 (get, list, watch on secrets) without resourceNames.',
    ]);
  });
  it("flags a named Secret rule that loses its resourceNames", () => {
    const role = compliantRole();
    delete role.rules[1].resourceNames;
    expect(run(role)).toEqual([
      'Role "edge/proxy" reads Secrets it does not name: rule 1 (get on secrets) without resourceNames.',
    ]);
  });
  it('flags "*" resources in the core group', () => {
    const role = compliantRole();
    role.rules[0].resources = ["*"];
    expect(run(role)).toEqual([
      'Role "edge/proxy" reads Secrets it does not name: rule 0 (get, list, watch on *) without resourceNames.',
    ]);
  });
  it('flags "*" verbs on secrets, and "*" apiGroups, on a ClusterRole', () => {
    const role = compliantRole();
    role.rules.push({ apiGroups: ["*"], resources: ["secrets"], verbs: ["*"] });
    expect(run(role, CLUSTER_ROLE)).toEqual([
      'ClusterRole "proxy" reads Secrets it does not name: rule 2 (* on secrets) without resourceNames.',
    ]);
  });
  it("ignores Secret rules that only write, and other API groups' secrets", () => {
    const role = compliantRole();
    role.rules.push(
      { apiGroups: [""], resources: ["secrets"], verbs: ["create", "delete"] },
      { apiGroups: ["example.com"], resources: ["secrets"], verbs: ["get"] },
    );
    expect(run(role)).toEqual([]);
  });
  it("exempts only the roles the allowedRoles parameter names", () => {
    const role = preFixTraefikRole();
    expect(run(role, ROLE, { allowedRoles: ["enclave-acme/traefik"] })).toEqual([]);
    expect(run(role, ROLE, { allowedRoles: ["enclave-*/traefik"] })).toEqual([]);
    expect(run(role, ROLE, { allowedRoles: ["other/traefik", "traefik"] })).toHaveLength(1);
  });
  it("reads a Role without a namespace as one of the default namespace", () => {
    const role = preFixTraefikRole();
    delete role.metadata.namespace;
    expect(run(role)[0]).toMatch(/^Role "default\/traefik"/);
  });
});

describe("kubernetes-rbac-role-restrict-credential-reads", () => {
  const policy = stackPolicyNamed("kubernetes-rbac-role-restrict-credential-reads");
  const secret = (name: string, namespace: string, type?: string) => ({
    type: SECRET,
    name,
    props: { metadata: { name, namespace }, ...(type ? { type } : {}) },
  });
  /** A namespace with TLS Secrets only, and a proxy Role that may read only what it names. */
  const compliantStack = (): { type: string; name: string; props: Record<string, any> }[] => [
    { type: ROLE, name: "proxy", props: compliantRole() },
    secret("public-tls", "edge", "kubernetes.io/tls"),
    secret("db", "app", "Opaque"),
    {
      type: CERTIFICATE,
      name: "ca",
      props: { metadata: { name: "ca", namespace: "cert-manager" }, spec: { isCA: true } },
    },
  ];
  const run = (resources: ReturnType<typeof compliantStack>, config = {}) =>
    runStackPolicy(policy, resources, config).violations;

  it("passes when the roles that read Secrets name them", () => {
    expect(run(compliantStack())).toEqual([]);
  });
  it("passes an unnamed read in a namespace holding only TLS Secrets (the resource policy still flags it)", () => {
    const stack = compliantStack();
    delete stack[0]!.props.rules[1].resourceNames;
    expect(run(stack)).toEqual([]);
  });
  it("flags an unnamed read where the namespace holds a non-TLS Secret", () => {
    const stack = compliantStack();
    delete stack[0]!.props.rules[1].resourceNames;
    stack.push(secret("oidc", "edge"));
    expect(run(stack)).toEqual([
      {
        message:
          'Role "edge/proxy" reads Secrets it does not name (rule 1 (get on secrets)), and namespace "edge" holds non-TLS Secrets (oidc).',
        urn: urnOf(ROLE, "proxy"),
      },
    ]);
  });
  it("flags an unnamed read where the namespace holds a CA key (Certificate with isCA, CA Issuer)", () => {
    const stack = compliantStack();
    delete stack[0]!.props.rules[1].resourceNames;
    stack.push(
      {
        type: CERTIFICATE,
        name: "edge-ca",
        props: { metadata: { name: "edge-ca", namespace: "edge" }, spec: { isCA: true } },
      },
      {
        type: ISSUER,
        name: "edge-issuer",
        props: {
          metadata: { name: "edge-issuer", namespace: "edge" },
          spec: { ca: { secretName: "edge-ca" } },
        },
      },
    );
    expect(run(stack).map((v) => v.message)).toEqual([
      'Role "edge/proxy" reads Secrets it does not name (rule 1 (get on secrets)), and namespace "edge" holds a CA key (CA Issuer edge-issuer, Certificate edge-ca (isCA)).',
    ]);
  });
  it("flags a ClusterRole against every namespace holding credentials", () => {
    const stack = compliantStack();
    stack[0] = {
      type: CLUSTER_ROLE,
      name: "reader",
      props: {
        metadata: { name: "reader" },
        rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }],
      },
    };
    expect(run(stack).map((v) => v.message)).toEqual([
      'ClusterRole "reader" reads Secrets it does not name (rule 0 (list on secrets)), and namespace "app" holds non-TLS Secrets (db); namespace "cert-manager" holds a CA key (Certificate ca (isCA)).',
    ]);
  });
  it("fires on the kit's pre-fix shape: Traefik's Role in the namespace of every credential and the internal CA", () => {
    const ns = "enclave-acme";
    const stack = [
      { type: ROLE, name: "traefik", props: preFixTraefikRole() },
      secret("keycloak-db", ns, "Opaque"),
      secret("keycloak-bootstrap-admin", ns, "Opaque"),
      {
        type: CERTIFICATE,
        name: "internal-ca",
        props: {
          metadata: { name: "internal-ca", namespace: ns },
          spec: { isCA: true, secretName: "internal-ca" },
        },
      },
      {
        type: ISSUER,
        name: "internal-ca-issuer",
        props: {
          metadata: { name: "internal-ca", namespace: ns },
          spec: { ca: { secretName: "internal-ca" } },
        },
      },
    ];
    expect(run(stack).map((v) => v.message)).toEqual([
      'Role "enclave-acme/traefik" reads Secrets it does not name (rule 0 (get, list, watch on secrets)), and namespace "enclave-acme" holds non-TLS Secrets (keycloak-bootstrap-admin, keycloak-db) and a CA key (CA Issuer internal-ca, Certificate internal-ca (isCA)).',
    ]);
  });
  it("exempts only the roles the allowedRoles parameter names", () => {
    const stack = compliantStack();
    delete stack[0]!.props.rules[1].resourceNames;
    stack.push(secret("oidc", "edge"));
    expect(run(stack, { allowedRoles: ["edge/proxy"] })).toEqual([]);
    expect(run(stack, { allowedRoles: ["app/proxy"] })).toHaveLength(1);
  });
});
