import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { EnclaveResourcePolicy, EnclaveStackPolicy } from "../../../policy-packs/lib/define";
import { kubernetesPolicies } from "../../../policy-packs/policies/kubernetes";
import { asKind, compliantPodSpec } from "../../helpers/kubernetes-policy";
import { isStackPolicy, runResourcePolicy, runStackPolicy } from "../../helpers/policy";
import { skipAnalyzerReplay } from "../../helpers/fixture-recorder";

// Random bags, not fixtures: the fixture suites replay theirs through the analyzer protocol.
skipAnalyzerReplay();

/**
 * Property-based checks: every kubernetes policy, fed random, partial, mistyped and unknown (preview)
 * property bags, returns violations or "not applicable" and never throws.
 */
let UNKNOWNS: string[] = [];
beforeAll(async () => {
  // The SDK's sentinels for values unknown during a preview (exported at run time, not typed).
  const proxy = (await import("@pulumi/policy/proxy")) as unknown as Record<string, unknown>;
  UNKNOWNS = Object.entries(proxy)
    .filter(([k, v]) => k.startsWith("unknown") && k.endsWith("Value") && typeof v === "string")
    .map(([, v]) => v as string);
});

/** Every path (as keys) to a value inside a JSON-like object. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) {
    return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  }
  if (value !== null && typeof value === "object") {
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }
  return [prefix];
}

function replaceAt(root: any, path: Array<string | number>, replacement: unknown): any {
  if (path.length === 0) {
    return replacement;
  }
  let node = root;
  for (const key of path.slice(0, -1)) {
    node = node[key];
  }
  node[path[path.length - 1]!] = replacement;
  return root;
}

const replacement = () =>
  fc.oneof(
    fc.anything(),
    fc.constant(undefined),
    fc.constant(null),
    fc.constantFrom(0, "", "true", "*", "0.0.0.0/0", "cluster-admin", "LoadBalancer", []),
    fc.integer({ min: 0, max: UNKNOWNS.length - 1 }).map((i) => UNKNOWNS[i]),
  );

/** A realistic resource with some values replaced by random, wrong-typed or unknown ones. */
const mutated = (base: () => Record<string, any>) =>
  fc.array(fc.tuple(fc.nat(), replacement()), { maxLength: 6 }).map((changes) => {
    let doc: any = base();
    for (const [at, value] of changes) {
      const all = paths(doc);
      doc = replaceAt(doc, all[at % all.length]!, value);
    }
    return doc;
  });

const SAMPLES: Record<string, () => Record<string, any>> = {
  pod: () => asKind("Deployment", compliantPodSpec()),
  role: () => ({ rules: [{ apiGroups: ["*"], resources: ["roles"], verbs: ["bind", "get"] }] }),
  binding: () => ({
    roleRef: { kind: "ClusterRole", name: "cluster-admin" },
    subjects: [{ kind: "User", name: "a" }],
  }),
  service: () => ({
    metadata: { annotations: {} },
    spec: {
      type: "LoadBalancer",
      loadBalancerSourceRanges: ["0.0.0.0/0"],
      externalIPs: ["1.2.3.4"],
      ports: [{ nodePort: 30000 }],
    },
  }),
  ingress: () => ({
    spec: { tls: [{ hosts: ["a.example.com"] }], rules: [{ host: "a.example.com" }, {}] },
  }),
  // A realm import: mutations reach the flow walk (kubernetes-core-secret-require-realm-otp).
  secret: () => ({
    metadata: { name: "keycloak-realm", annotations: { "enclave.dev/realm-otp": "all" } },
    stringData: {
      "acme.json": JSON.stringify({
        realm: "acme",
        browserFlow: "b",
        authenticationFlows: [
          {
            alias: "b",
            authenticationExecutions: [
              { authenticator: "auth-cookie", requirement: "ALTERNATIVE" },
              { flowAlias: "f", requirement: "ALTERNATIVE" },
            ],
          },
          {
            alias: "f",
            authenticationExecutions: [
              { authenticator: "auth-username-password-form", requirement: "REQUIRED" },
              { flowAlias: "b", requirement: "REQUIRED" },
              { authenticator: "auth-otp-form", requirement: "REQUIRED" },
            ],
          },
        ],
      }),
    },
    data: { "r.json": "eyJyZWFsbSI6MX0=" },
  }),
  networkPolicy: () => ({
    metadata: { name: "np", namespace: "ns" },
    spec: {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }],
          ports: [{ port: 443 }],
        },
        { to: [{ ipBlock: { cidr: "::/0" } }, { podSelector: {} }] },
        { ports: [{ protocol: "TCP", port: 53 }] },
      ],
    },
  }),
  other: () => ({
    metadata: { name: "x", labels: { "pod-security.kubernetes.io/enforce": "baseline" } },
    data: { DB_PASSWORD: "x" },
    automountServiceAccountToken: true,
  }),
};

function sampleFor(type: string): () => Record<string, any> {
  if (/:(Role|ClusterRole)(Patch)?$/.test(type)) {
    return SAMPLES.role!;
  }
  if (/Binding(Patch)?$/.test(type)) {
    return SAMPLES.binding!;
  }
  if (/:Service(Patch)?$/.test(type)) {
    return SAMPLES.service!;
  }
  if (/:NetworkPolicy(Patch)?$/.test(type)) {
    return SAMPLES.networkPolicy!;
  }
  if (/:Ingress(Patch)?$/.test(type)) {
    return SAMPLES.ingress!;
  }
  if (/:Secret(Patch)?$/.test(type)) {
    return SAMPLES.secret!;
  }
  if (/:(ServiceAccount|ConfigMap|Namespace)(Patch)?$/.test(type)) {
    return SAMPLES.other!;
  }
  return SAMPLES.pod!;
}

describe("kubernetes policies never throw", () => {
  const resourcePolicies = kubernetesPolicies.filter(
    (p) => !isStackPolicy(p),
  ) as EnclaveResourcePolicy[];
  const stackPolicies = kubernetesPolicies.filter(isStackPolicy) as EnclaveStackPolicy[];

  for (const policy of resourcePolicies) {
    it(`${policy.name}: random, partial and unknown inputs`, () => {
      const types = policy.enclave.resourceTypes ?? [];
      fc.assert(
        fc.property(
          fc.constantFrom(...types),
          fc.boolean(),
          fc.anything(),
          (type, structured, anything) => {
            const props = structured ? fc.sample(mutated(sampleFor(type)), 1)[0] : anything;
            const bag =
              props !== null && typeof props === "object" && !Array.isArray(props)
                ? props
                : { value: props };
            const outcome = runResourcePolicy(policy, { type, props: bag });
            expect(Array.isArray(outcome.violations)).toBe(true);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  for (const policy of stackPolicies) {
    it(`${policy.name}: random stacks`, () => {
      const types = [
        "kubernetes:core/v1:Namespace",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "kubernetes:core/v1:ServiceAccount",
        "kubernetes:apps/v1:Deployment",
        "kubernetes:batch/v1:CronJob",
        "kubernetes:rbac.authorization.k8s.io/v1:Role",
        "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
        "kubernetes:core/v1:Secret",
        "kubernetes:cert-manager.io/v1:Certificate",
        "kubernetes:cert-manager.io/v1:Issuer",
      ];
      const resource = fc.record({
        type: fc.constantFrom(...types),
        name: fc.string({ minLength: 1, maxLength: 8 }),
        props: fc.oneof(
          fc.dictionary(fc.string(), fc.anything()),
          mutated(() => asKind("Deployment", compliantPodSpec())),
          mutated(() => ({
            metadata: { name: "ns", namespace: "ns" },
            spec: { podSelector: {}, policyTypes: ["Ingress"] },
          })),
          mutated(() => ({
            metadata: { name: "r", namespace: "ns" },
            rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }],
            type: "Opaque",
            spec: { isCA: true, ca: { secretName: "ca" } },
          })),
        ),
      });
      fc.assert(
        fc.property(fc.array(resource, { maxLength: 6 }), (resources) => {
          const outcome = runStackPolicy(policy, resources);
          expect(Array.isArray(outcome.violations)).toBe(true);
        }),
        { numRuns: 150 },
      );
    });
  }

  it("turns an unknown value into 'not applicable' during a preview", () => {
    const policy = resourcePolicies.find(
      (p) => p.name === "kubernetes-core-pod-disallow-privileged",
    )!;
    const props = asKind("Deployment", compliantPodSpec());
    props.spec.template.spec.containers[0].securityContext = UNKNOWNS[0];
    expect(runResourcePolicy(policy, { type: "kubernetes:apps/v1:Deployment", props })).toEqual({
      violations: [],
      notApplicable: "depends on values that are known only after deployment",
    });
  });
});
