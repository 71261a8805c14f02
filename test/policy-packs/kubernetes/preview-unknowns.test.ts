/**
 * The two Kubernetes stack policies during a preview: one resource with an unknown value among
 * known bad ones skips only the judgements that value decides; every other resource is judged,
 * and the policy is never "not applicable" for the whole stack.
 */
import { describe, expect, it } from "vitest";
import {
  asKind,
  compliantPodSpec,
  DEPLOYMENT,
  stackPolicyNamed,
} from "../../helpers/kubernetes-policy";
import { runStackPolicy, urnOf } from "../../helpers/policy";
import { UNKNOWN, UNKNOWN_SENTINELS } from "../../helpers/unknowns";

const SA = "kubernetes:core/v1:ServiceAccount";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const POLICY = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";
const BINDING = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding";

type Res = { type: string; name: string; props: Record<string, any> };

describe("kubernetes-core-pod-disable-token-automount with unknown values", () => {
  const policy = stackPolicyNamed("kubernetes-core-pod-disable-token-automount");
  const pod = (name: string, mutate: (spec: Record<string, any>) => void): Res => {
    const spec = compliantPodSpec();
    mutate(spec);
    const props = asKind("Deployment", spec);
    props.metadata = { name, namespace: "enclave" };
    return { type: DEPLOYMENT, name, props };
  };
  const sa = (name: string, props: Record<string, unknown>): Res => ({
    type: SA,
    name: `${name}-sa`,
    props: { metadata: { name, namespace: "enclave" }, ...props },
  });
  const mounts = (name: string, account: string) => ({
    message: `Deployment mounts the API token of service account "${account}" in namespace "enclave": neither the pod nor a ServiceAccount of this stack sets automountServiceAccountToken=false`,
    urn: urnOf(DEPLOYMENT, name),
  });
  const setsTrue = (name: string) => ({
    message: `Deployment sets automountServiceAccountToken=true: the token of service account "app" is mounted`,
    urn: urnOf(DEPLOYMENT, name),
  });
  /** Two known bad pods: one sets automount=true, one inherits it from an account that keeps it. */
  const knownBad = (): Res[] => [
    sa("app", { automountServiceAccountToken: false }),
    sa("worker", {}),
    pod("explicit", (s) => (s.automountServiceAccountToken = true)),
    pod("inherits", (s) => {
      delete s.automountServiceAccountToken;
      s.serviceAccountName = "worker";
    }),
  ];

  it("judges the known pods when another pod's spec is unknown", () => {
    const resources = [
      ...knownBad(),
      { type: DEPLOYMENT, name: "later", props: { metadata: { name: "later" }, spec: UNKNOWN } },
    ];
    const outcome = runStackPolicy(policy, resources);
    expect(outcome.notApplicable).toBeUndefined();
    expect(outcome.violations).toEqual([setsTrue("explicit"), mounts("inherits", "worker")]);
  });

  it("skips only the pod whose automount or account is unknown", () => {
    const resources = [
      ...knownBad(),
      pod("unknown-flag", (s) => (s.automountServiceAccountToken = UNKNOWN_SENTINELS.boolean)),
      pod("unknown-account", (s) => {
        delete s.automountServiceAccountToken;
        s.serviceAccountName = UNKNOWN;
      }),
    ];
    const outcome = runStackPolicy(policy, resources);
    expect(outcome.notApplicable).toBeUndefined();
    expect(outcome.violations).toEqual([setsTrue("explicit"), mounts("inherits", "worker")]);
  });

  it("holds back only the pods of a ServiceAccount whose automount is unknown", () => {
    const resources = [
      ...knownBad(),
      sa("queue", { automountServiceAccountToken: UNKNOWN_SENTINELS.boolean }),
      pod("consumer", (s) => {
        delete s.automountServiceAccountToken;
        s.serviceAccountName = "queue";
      }),
    ];
    expect(runStackPolicy(policy, resources).violations).toEqual([
      setsTrue("explicit"),
      mounts("inherits", "worker"),
    ]);
  });

  it("holds back inherited judgements in a namespace where a ServiceAccount's name is unknown, not explicit ones", () => {
    const resources = [...knownBad(), sa("x", { automountServiceAccountToken: false })];
    resources[4]!.props.metadata.name = UNKNOWN;
    expect(runStackPolicy(policy, resources).violations).toEqual([setsTrue("explicit")]);
    // The same account name in another namespace is not held back.
    resources[4]!.props.metadata.namespace = "other";
    expect(runStackPolicy(policy, resources).violations).toEqual([
      setsTrue("explicit"),
      mounts("inherits", "worker"),
    ]);
  });
});

describe("kubernetes-admissionregistration-namespace-require-admission-policy with unknown values", () => {
  const policy = stackPolicyNamed(
    "kubernetes-admissionregistration-namespace-require-admission-policy",
  );
  const namespace = (name: string): Res => ({
    type: NAMESPACE,
    name,
    props: { metadata: { name } },
  });
  const workload = (ns: string): Res => ({
    type: DEPLOYMENT,
    name: `${ns}-web`,
    props: {
      metadata: { name: "web", namespace: ns },
      spec: { template: { spec: { containers: [{ name: "web", image: "x" }] } } },
    },
  });
  const podPolicy = (name: string, spec?: unknown): Res => ({
    type: POLICY,
    name,
    props: {
      metadata: { name },
      spec: spec ?? {
        matchConstraints: {
          resourceRules: [{ apiGroups: [""], operations: ["CREATE"], resources: ["pods"] }],
        },
      },
    },
  });
  const binding = (
    name: string,
    policyName: unknown,
    ns: unknown,
    actions: unknown = ["Deny"],
  ): Res => ({
    type: BINDING,
    name,
    props: {
      metadata: { name },
      spec: {
        policyName,
        validationActions: actions,
        matchResources: {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } },
        },
      },
    },
  });
  const missing = (ns: string) => ({
    message: `namespace "${ns}" runs pods but no ValidatingAdmissionPolicy on pod creation is bound to it with the Deny action`,
    urn: urnOf(NAMESPACE, ns),
  });
  /** "covered" is bound; "a" and "b" run pods without a binding. */
  const knownBad = (): Res[] => [
    namespace("covered"),
    namespace("a"),
    namespace("b"),
    workload("covered"),
    workload("a"),
    workload("b"),
    podPolicy("pods"),
    binding("pods-covered", "pods", "covered"),
  ];

  it("reports the known bad namespaces", () => {
    expect(runStackPolicy(policy, knownBad()).violations).toEqual([missing("a"), missing("b")]);
  });

  it("judges every namespace when another namespace's name is unknown", () => {
    const resources = [
      ...knownBad(),
      { type: NAMESPACE, name: "later", props: { metadata: { name: UNKNOWN } } },
    ];
    const outcome = runStackPolicy(policy, resources);
    expect(outcome.notApplicable).toBeUndefined();
    expect(outcome.violations).toEqual([missing("a"), missing("b")]);
  });

  it("judges every namespace when a workload's spec or namespace is unknown", () => {
    const resources = [
      ...knownBad(),
      { type: DEPLOYMENT, name: "x", props: { metadata: { namespace: "a" }, spec: UNKNOWN } },
      { type: DEPLOYMENT, name: "y", props: { metadata: { namespace: UNKNOWN }, spec: {} } },
    ];
    expect(runStackPolicy(policy, resources).violations).toEqual([missing("a"), missing("b")]);
  });

  it("skips only the namespace a binding with an unknown policy name could cover", () => {
    const resources = [...knownBad(), binding("pods-a", UNKNOWN, "a")];
    expect(runStackPolicy(policy, resources).violations).toEqual([missing("b")]);
  });

  it("skips only the namespace a binding with unknown actions could cover", () => {
    const resources = [...knownBad(), binding("pods-b", "pods", "b", UNKNOWN_SENTINELS.array)];
    expect(runStackPolicy(policy, resources).violations).toEqual([missing("a")]);
  });

  it("skips only the namespaces bound to a policy whose match constraints are unknown", () => {
    const resources = [
      ...knownBad(),
      podPolicy("later", UNKNOWN_SENTINELS.object),
      binding("later-a", "later", "a"),
    ];
    expect(runStackPolicy(policy, resources).violations).toEqual([missing("b")]);
  });

  it("holds back every uncovered namespace when a binding's selector is unknown (it may select all)", () => {
    const resources = [...knownBad(), binding("pods-any", "pods", UNKNOWN)];
    resources[8]!.props.spec.matchResources = UNKNOWN_SENTINELS.object;
    const outcome = runStackPolicy(policy, resources);
    expect(outcome.notApplicable).toBeUndefined();
    expect(outcome.violations).toEqual([]);
  });

  it("still reports when the binding with an unknown value cannot be a Deny binding of a pod policy", () => {
    const resources = [...knownBad(), binding("audit-a", "pods", UNKNOWN, ["Audit"])];
    expect(runStackPolicy(policy, resources).violations).toEqual([missing("a"), missing("b")]);
  });
});
