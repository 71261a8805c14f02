/**
 * Default deny through the CNI's own resources (Cilium, Calico) counts as a namespace's default
 * deny; policies that select some pods only, or allow traffic, do not. One policy whose content is
 * unknown during a preview skips only the namespace it may cover.
 */
import { describe, expect, it } from "vitest";
import { stackPolicyNamed } from "../../helpers/kubernetes-policy";
import { runStackPolicy, urnOf, type StackResourceInput } from "../../helpers/policy";
import { UNKNOWN } from "../../helpers/unknowns";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const CNP = "kubernetes:cilium.io/v2:CiliumNetworkPolicy";
const CCNP = "kubernetes:cilium.io/v2:CiliumClusterwideNetworkPolicy";
const CALICO = "kubernetes:projectcalico.org/v3:NetworkPolicy";
const CALICO_CRD = "kubernetes:crd.projectcalico.org/v1:NetworkPolicy";
const CALICO_GLOBAL = "kubernetes:projectcalico.org/v3:GlobalNetworkPolicy";

const policy = stackPolicyNamed("kubernetes-core-namespace-require-default-deny");
const namespace = (name: string): StackResourceInput => ({
  type: NAMESPACE,
  name,
  props: { metadata: { name } },
});
const crd = (type: string, name: string, props: Record<string, unknown>): StackResourceInput => ({
  type,
  name,
  props,
});
const messages = (resources: StackResourceInput[]) =>
  runStackPolicy(policy, resources).violations.map((v) => v.message);

const ciliumDeny = (ns: string) =>
  crd(CNP, `${ns}-cilium`, {
    metadata: { name: "default-deny", namespace: ns },
    spec: { endpointSelector: {}, ingress: [{}], egress: [{}] },
  });
const calicoDeny = (ns: string, type = CALICO) =>
  crd(type, `${ns}-calico`, {
    metadata: { name: "default-deny", namespace: ns },
    spec: { selector: "all()", types: ["Ingress", "Egress"] },
  });

describe("kubernetes-core-namespace-require-default-deny: Cilium and Calico", () => {
  it("stays silent on a Cilium default deny (empty rules, enableDefaultDeny, deny all entities)", () => {
    expect(messages([namespace("app"), ciliumDeny("app")])).toEqual([]);
    const explicit = crd(CNP, "explicit", {
      metadata: { namespace: "app" },
      spec: { endpointSelector: {}, enableDefaultDeny: { ingress: true, egress: true } },
    });
    expect(messages([namespace("app"), explicit])).toEqual([]);
    const denyAll = crd(CNP, "deny-all", {
      metadata: { namespace: "app" },
      specs: [
        {
          endpointSelector: {},
          ingressDeny: [{ fromEntities: ["all"] }],
          egressDeny: [{ toEntities: ["all"] }],
        },
      ],
    });
    expect(messages([namespace("app"), denyAll])).toEqual([]);
  });

  it("stays silent on a clusterwide Cilium deny, for every namespace or the one it selects", () => {
    const everywhere = crd(CCNP, "all", {
      metadata: { name: "default-deny" },
      spec: { endpointSelector: {}, ingress: [{}], egress: [{}] },
    });
    expect(messages([namespace("app"), namespace("data"), everywhere])).toEqual([]);
    const one = crd(CCNP, "one", {
      metadata: { name: "deny-app" },
      spec: {
        endpointSelector: { matchLabels: { "k8s:io.kubernetes.pod.namespace": "app" } },
        ingress: [{}],
        egress: [{}],
      },
    });
    expect(messages([namespace("app"), namespace("data"), one])).toEqual([
      'namespace "data" has no default-deny NetworkPolicy for Ingress and Egress',
    ]);
  });

  it("stays silent on a Calico default deny, namespaced (both API groups) or global", () => {
    expect(messages([namespace("app"), calicoDeny("app")])).toEqual([]);
    expect(messages([namespace("app"), calicoDeny("app", CALICO_CRD)])).toEqual([]);
    const global = crd(CALICO_GLOBAL, "global", {
      metadata: { name: "default-deny" },
      spec: { types: ["Ingress", "Egress"] },
    });
    expect(messages([namespace("app"), namespace("data"), global])).toEqual([]);
    const denyRules = crd(CALICO, "deny-rules", {
      metadata: { namespace: "app" },
      spec: {
        selector: "all()",
        types: ["Ingress", "Egress"],
        ingress: [{ action: "Deny" }],
        egress: [{ action: "Deny" }],
      },
    });
    expect(messages([namespace("app"), denyRules])).toEqual([]);
  });

  it("flags CRD policies that select some pods, allow traffic, or cover another namespace", () => {
    const some = ciliumDeny("app");
    (some.props.spec as Record<string, unknown>).endpointSelector = { matchLabels: { app: "web" } };
    expect(messages([namespace("app"), some])).toHaveLength(1);
    const allows = ciliumDeny("app");
    (allows.props.spec as Record<string, unknown>).egress = [{ toEntities: ["world"] }];
    expect(messages([namespace("app"), allows])).toEqual([
      'namespace "app" has no default-deny NetworkPolicy for Egress',
    ]);
    const calicoAllows = calicoDeny("app");
    (calicoAllows.props.spec as Record<string, unknown>).ingress = [{ action: "Allow" }];
    expect(messages([namespace("app"), calicoAllows])).toEqual([
      'namespace "app" has no default-deny NetworkPolicy for Ingress',
    ]);
    const ingressOnly = calicoDeny("app");
    (ingressOnly.props.spec as Record<string, unknown>).types = ["Ingress"];
    expect(messages([namespace("app"), ingressOnly])).toEqual([
      'namespace "app" has no default-deny NetworkPolicy for Egress',
    ]);
    expect(messages([namespace("data"), ciliumDeny("app")])).toHaveLength(1);
    const scoped = crd(CALICO_GLOBAL, "scoped", {
      spec: { namespaceSelector: "team == 'a'", types: ["Ingress", "Egress"] },
    });
    expect(messages([namespace("app"), scoped])).toHaveLength(1);
  });
});

describe("kubernetes-core-namespace-require-default-deny during a preview", () => {
  const deny = (ns: string): StackResourceInput => ({
    type: NETWORK_POLICY,
    name: `${ns}-deny`,
    props: {
      metadata: { name: "default-deny", namespace: ns },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
  });

  it("judges every namespace it can and skips only the one an unknown policy may cover", () => {
    const unknownSpec = {
      ...deny("data"),
      props: { metadata: { namespace: "data" }, spec: UNKNOWN },
    };
    const outcome = runStackPolicy(policy, [
      namespace("app"),
      namespace("data"),
      namespace("bare"),
      deny("app"),
      unknownSpec,
    ]);
    expect(outcome.notApplicable).toBeUndefined();
    expect(outcome.violations).toEqual([
      {
        message: 'namespace "bare" has no default-deny NetworkPolicy for Ingress and Egress',
        urn: urnOf(NAMESPACE, "bare"),
      },
    ]);
  });

  it("skips a namespace whose name is unknown and judges the others", () => {
    const unknownName: StackResourceInput = {
      type: NAMESPACE,
      name: "later",
      props: { metadata: { name: UNKNOWN } },
    };
    expect(
      runStackPolicy(policy, [unknownName, namespace("bare")]).violations.map((v) => v.urn),
    ).toEqual([urnOf(NAMESPACE, "bare")]);
  });

  it("holds back every finding while a policy of unknown namespace could cover any", () => {
    const floating: StackResourceInput = {
      ...deny("x"),
      props: { metadata: { namespace: UNKNOWN }, spec: UNKNOWN },
    };
    const outcome = runStackPolicy(policy, [namespace("bare"), floating]);
    expect(outcome).toEqual({ violations: [] });
  });
});
