import { describe, expect, it } from "vitest";
import {
  asKind,
  compliantPodSpec,
  resourcePolicyNamed,
  stackPolicyNamed,
} from "../../helpers/kubernetes-policy";
import { runResourcePolicy, runStackPolicy, urnOf } from "../../helpers/policy";

const SA = "kubernetes:core/v1:ServiceAccount";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

describe("kubernetes-core-serviceaccount-disable-token-automount", () => {
  const policy = resourcePolicyNamed("kubernetes-core-serviceaccount-disable-token-automount");
  const run = (props: Record<string, unknown>, type = SA) =>
    runResourcePolicy(policy, { type, props });
  it("passes a ServiceAccount that disables automount", () => {
    expect(
      run({ metadata: { name: "app" }, automountServiceAccountToken: false }).violations,
    ).toEqual([]);
  });
  it("flags an unset automountServiceAccountToken", () => {
    expect(run({ metadata: { name: "app" } }).violations).toEqual([
      "automountServiceAccountToken is not set to false, so every pod of this service account gets an API token",
    ]);
  });
  it("flags automountServiceAccountToken=true, also on a patch", () => {
    const message =
      "automountServiceAccountToken=true mounts an API token into every pod of this service account";
    expect(run({ automountServiceAccountToken: true }).violations).toEqual([message]);
    expect(run({ automountServiceAccountToken: true }, `${SA}Patch`).violations).toEqual([message]);
    expect(run({ metadata: { name: "default" } }, `${SA}Patch`).violations).toEqual([]);
  });
});

describe("kubernetes-core-pod-disable-token-automount", () => {
  const policy = stackPolicyNamed("kubernetes-core-pod-disable-token-automount");
  const serviceAccount = (automount: boolean | undefined) => ({
    type: SA,
    name: "app-sa",
    props: {
      metadata: { name: "app", namespace: "enclave" },
      ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
    },
  });
  const deployment = (mutate: (spec: Record<string, any>) => void = () => undefined) => {
    const spec = compliantPodSpec();
    mutate(spec);
    return { type: DEPLOYMENT, name: "app", props: asKind("Deployment", spec) };
  };
  it("passes the compliant pod (automount off on the pod)", () => {
    expect(runStackPolicy(policy, [deployment()]).violations).toEqual([]);
  });
  it("passes a pod that inherits automount=false from its ServiceAccount", () => {
    const resources = [
      serviceAccount(false),
      deployment((s) => delete s.automountServiceAccountToken),
    ];
    expect(runStackPolicy(policy, resources).violations).toEqual([]);
  });
  it("flags a pod that sets automount=true", () => {
    expect(
      runStackPolicy(policy, [
        serviceAccount(false),
        deployment((s) => (s.automountServiceAccountToken = true)),
      ]).violations,
    ).toEqual([
      {
        message:
          'Deployment sets automountServiceAccountToken=true: the token of service account "app" is mounted',
        urn: urnOf(DEPLOYMENT, "app"),
      },
    ]);
  });
  it("flags a pod whose ServiceAccount does not disable automount", () => {
    expect(
      runStackPolicy(policy, [
        serviceAccount(undefined),
        deployment((s) => delete s.automountServiceAccountToken),
      ]).violations,
    ).toEqual([
      {
        message:
          'Deployment mounts the API token of service account "app" in namespace "enclave": neither the pod nor a ServiceAccount of this stack sets automountServiceAccountToken=false',
        urn: urnOf(DEPLOYMENT, "app"),
      },
    ]);
  });
  it("flags a pod on the namespace's default service account", () => {
    const resources = [
      serviceAccount(false),
      deployment((s) => {
        delete s.automountServiceAccountToken;
        delete s.serviceAccountName;
      }),
    ];
    expect(runStackPolicy(policy, resources).violations.map((v) => v.message)).toEqual([
      'Deployment mounts the API token of service account "default" in namespace "enclave": neither the pod nor a ServiceAccount of this stack sets automountServiceAccountToken=false',
    ]);
  });
  it("exempts only the service accounts the allowedServiceAccounts parameter names", () => {
    const resources = [
      serviceAccount(false),
      deployment((s) => (s.automountServiceAccountToken = true)),
    ];
    const run = (allowedServiceAccounts: string[]) =>
      runStackPolicy(policy, resources, { allowedServiceAccounts }).violations;
    expect(run(["enclave/app"])).toEqual([]);
    expect(run(["enc*/app"])).toEqual([]);
    // A name alone, or the account in another namespace, is not the same account.
    expect(run(["app", "other/app"])).toHaveLength(1);
  });
});

describe("kubernetes-core-namespace-enforce-restricted-pss", () => {
  const policy = resourcePolicyNamed("kubernetes-core-namespace-enforce-restricted-pss");
  const run = (labels: Record<string, string> | undefined, type = NAMESPACE) =>
    runResourcePolicy(policy, {
      type,
      props: { metadata: { name: "enclave", ...(labels ? { labels } : {}) } },
    });
  it("passes a namespace enforcing restricted", () => {
    expect(
      run({
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
      }).violations,
    ).toEqual([]);
  });
  it("flags a namespace without the label", () => {
    expect(run({ team: "a" }).violations).toEqual([
      "namespace has no pod-security.kubernetes.io/enforce label, so Pod Security Admission does not enforce the restricted standard",
    ]);
  });
  it("flags a weaker level, also on a patch", () => {
    const message =
      'namespace label pod-security.kubernetes.io/enforce is "baseline", not "restricted"';
    expect(run({ "pod-security.kubernetes.io/enforce": "baseline" }).violations).toEqual([message]);
    expect(
      run({ "pod-security.kubernetes.io/enforce": "baseline" }, `${NAMESPACE}Patch`).violations,
    ).toEqual([message]);
    expect(run(undefined, `${NAMESPACE}Patch`).violations).toEqual([]);
  });
});
