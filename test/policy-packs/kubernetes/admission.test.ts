import { describe, expect, it } from "vitest";
import { stackPolicyNamed } from "../../helpers/kubernetes-policy";
import { runStackPolicy } from "../../helpers/policy";

const NAME = "kubernetes-admissionregistration-namespace-require-admission-policy";
const POLICY = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";
const BINDING = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding";

/** The kit's shape: a tenant namespace with a Deployment, a pod policy and its Deny binding. */
function compliant(): { type: string; name: string; props: Record<string, any> }[] {
  return [
    {
      type: "kubernetes:core/v1:Namespace",
      name: "ns",
      props: { metadata: { name: "enclave-acme" } },
    },
    {
      type: "kubernetes:apps/v1:Deployment",
      name: "web",
      props: {
        metadata: { name: "web", namespace: "enclave-acme" },
        spec: { template: { spec: { containers: [{ name: "web", image: "x" }] } } },
      },
    },
    {
      type: POLICY,
      name: "pods",
      props: {
        metadata: { name: "enclave-acme-pods" },
        spec: {
          failurePolicy: "Fail",
          matchConstraints: {
            resourceRules: [
              {
                apiGroups: [""],
                apiVersions: ["v1"],
                operations: ["CREATE", "UPDATE"],
                resources: ["pods"],
              },
            ],
          },
          validations: [{ expression: "true" }],
        },
      },
    },
    {
      type: BINDING,
      name: "pods-binding",
      props: {
        metadata: { name: "enclave-acme-pods" },
        spec: {
          policyName: "enclave-acme-pods",
          validationActions: ["Deny", "Audit"],
          matchResources: {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "enclave-acme" } },
          },
        },
      },
    },
  ];
}

const run = (resources: ReturnType<typeof compliant>) =>
  runStackPolicy(stackPolicyNamed(NAME), resources).violations.map((v) => v.message);
const MISSING =
  'namespace "enclave-acme" runs pods but no ValidatingAdmissionPolicy on pod creation is bound to it with the Deny action';

describe(NAME, () => {
  it("passes the kit's shape, and a binding that selects the namespace by matchExpressions", () => {
    expect(run(compliant())).toEqual([]);
    const r = compliant();
    r[3]!.props.spec.matchResources.namespaceSelector = {
      matchExpressions: [
        { key: "kubernetes.io/metadata.name", operator: "In", values: ["enclave-acme"] },
      ],
    };
    expect(run(r)).toEqual([]);
  });

  it("ignores a namespace without pods", () => {
    expect(run(compliant().filter((r) => r.name !== "web" && r.name !== "pods-binding"))).toEqual(
      [],
    );
  });

  it("fails the kit's shape before the admission policies (no policy, no binding)", () => {
    expect(run(compliant().slice(0, 2))).toEqual([MISSING]);
  });

  const mutations: [string, (r: ReturnType<typeof compliant>) => void][] = [
    ["the binding only warns", (r) => (r[3]!.props.spec.validationActions = ["Warn", "Audit"])],
    [
      "the binding selects another namespace",
      (r) =>
        (r[3]!.props.spec.matchResources.namespaceSelector.matchLabels = {
          "kubernetes.io/metadata.name": "other",
        }),
    ],
    ["the binding names another policy", (r) => (r[3]!.props.spec.policyName = "something-else")],
    [
      "the policy does not match pods",
      (r) => (r[2]!.props.spec.matchConstraints.resourceRules[0].resources = ["configmaps"]),
    ],
    [
      "the policy matches updates only",
      (r) => (r[2]!.props.spec.matchConstraints.resourceRules[0].operations = ["UPDATE"]),
    ],
  ];
  it.each(mutations)("fails when %s", (_, mutate) => {
    const r = compliant();
    mutate(r);
    expect(run(r)).toEqual([MISSING]);
  });

  it("accepts a cluster-wide binding (no namespace selector)", () => {
    const r = compliant();
    delete r[3]!.props.spec.matchResources;
    expect(run(r)).toEqual([]);
  });
});
