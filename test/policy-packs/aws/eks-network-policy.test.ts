import { describe, expect, it } from "vitest";
import networkPolicy from "../../../policy-packs/policies/aws/aws-eks-cluster-enforce-network-policy";
import { VPC_CNI_CONFIGURATION } from "../../../components/aws/eks/defaults";
import { urnOf, type StackResourceInput } from "../../helpers/policy";
import { UNKNOWN_STRING, stackViolationsOf, withValue } from "../../helpers/aws-policies";

const CLUSTER = "aws:eks/cluster:Cluster";
const ADDON = "aws:eks/addon:Addon";

/** The kit's shape: the vpc-cni add-on with the kit's configuration values. */
const stack = (): StackResourceInput[] => [
  { type: CLUSTER, name: "eks", props: { name: "enclave-acme", id: "enclave-acme" } },
  {
    type: ADDON,
    name: "eks-vpc-cni",
    props: {
      clusterName: "enclave-acme",
      addonName: "vpc-cni",
      configurationValues: JSON.stringify(VPC_CNI_CONFIGURATION),
    },
  },
  {
    type: ADDON,
    name: "eks-coredns",
    props: { clusterName: "enclave-acme", addonName: "coredns" },
  },
];
const cniAt = (path: string, value: unknown) =>
  stack().map((r) => (r.name === "eks-vpc-cni" ? withValue(r, path, value) : r));
const urn = urnOf(CLUSTER, "eks");
const notSet = {
  message:
    'The vpc-cni add-on of EKS cluster "eks" does not set enableNetworkPolicy "true" in configurationValues: the node agent enforces no NetworkPolicy. Set it.',
  urn,
};

describe("aws-eks-cluster-enforce-network-policy", () => {
  it("passes the kit's vpc-cni add-on, and the same setting as YAML", () => {
    expect(VPC_CNI_CONFIGURATION).toEqual({ enableNetworkPolicy: "true" });
    expect(stackViolationsOf(networkPolicy, stack())).toEqual([]);
    expect(
      stackViolationsOf(
        networkPolicy,
        cniAt("props.configurationValues", 'enableNetworkPolicy: "true"\n'),
      ),
    ).toEqual([]);
  });
  it("flags enableNetworkPolicy false, and configuration values that leave it out", () => {
    expect(
      stackViolationsOf(
        networkPolicy,
        cniAt("props.configurationValues", JSON.stringify({ enableNetworkPolicy: "false" })),
      ),
    ).toEqual([notSet]);
    expect(stackViolationsOf(networkPolicy, cniAt("props.configurationValues", undefined))).toEqual(
      [notSet],
    );
    // The schema's key is enableNetworkPolicy; a misspelt key turns nothing on.
    expect(
      stackViolationsOf(
        networkPolicy,
        cniAt("props.configurationValues", JSON.stringify({ enableNetworkPolicies: "true" })),
      ),
    ).toEqual([notSet]);
  });
  it("flags configuration values it cannot read", () => {
    expect(
      stackViolationsOf(networkPolicy, cniAt("props.configurationValues", "{ not: [json")),
    ).toEqual([
      {
        message:
          'The vpc-cni add-on of EKS cluster "eks" has configurationValues that cannot be read as JSON or YAML, so enableNetworkPolicy cannot be seen to be on. Set configurationValues to {"enableNetworkPolicy": "true"}.',
        urn,
      },
    ]);
  });
  it("flags a cluster without a vpc-cni add-on and no other engine", () => {
    const message = {
      message:
        'EKS cluster "eks" has no vpc-cni add-on and the stack installs no other network policy engine: the self-managed VPC CNI does not enforce NetworkPolicies. Add the vpc-cni add-on with enableNetworkPolicy "true".',
      urn,
    };
    const withoutCni = stack().filter((r) => r.name !== "eks-vpc-cni");
    expect(stackViolationsOf(networkPolicy, withoutCni)).toEqual([message]);
    expect(stackViolationsOf(networkPolicy, cniAt("props.clusterName", "another-cluster"))).toEqual(
      [message],
    );
  });
  it("accepts Cilium or Calico installed by the stack instead", () => {
    const withoutCni = stack().filter((r) => r.name !== "eks-vpc-cni");
    expect(
      stackViolationsOf(networkPolicy, [
        ...withoutCni,
        {
          type: "kubernetes:helm.sh/v3:Release",
          name: "cilium",
          props: { chart: "cilium", version: "1.16.5" },
        },
      ]),
    ).toEqual([]);
    expect(
      stackViolationsOf(networkPolicy, [
        ...withoutCni,
        {
          type: "kubernetes:apps/v1:DaemonSet",
          name: "calico-node",
          props: {
            spec: {
              template: {
                spec: {
                  containers: [{ name: "calico-node", image: "quay.io/calico/node:v3.29.1" }],
                },
              },
            },
          },
        },
      ]),
    ).toEqual([]);
    expect(
      stackViolationsOf(networkPolicy, [
        ...withoutCni,
        { type: "kubernetes:helm.sh/v3:Release", name: "nginx", props: { chart: "ingress-nginx" } },
      ]),
    ).toHaveLength(1);
  });
  it("asks an Auto Mode cluster for the network policy controller ConfigMap", () => {
    const auto = stack()
      .filter((r) => r.type === CLUSTER)
      .map((r) =>
        withValue(r, "props.computeConfig", { enabled: true, nodePools: ["general-purpose"] }),
      );
    expect(stackViolationsOf(networkPolicy, auto)).toEqual([
      {
        message:
          'EKS Auto Mode cluster "eks" does not turn on its network policy controller: no kube-system/amazon-vpc-cni ConfigMap with enable-network-policy-controller "true", so NetworkPolicies are not enforced. Create the ConfigMap.',
        urn,
      },
    ]);
    expect(
      stackViolationsOf(networkPolicy, [
        ...auto,
        {
          type: "kubernetes:core/v1:ConfigMap",
          name: "vpc-cni-config",
          props: {
            metadata: { name: "amazon-vpc-cni", namespace: "kube-system" },
            data: { "enable-network-policy-controller": "true" },
          },
        },
      ]),
    ).toEqual([]);
  });
  it("stays silent while the add-on's name, cluster or configuration is unknown", () => {
    expect(stackViolationsOf(networkPolicy, cniAt("props.addonName", UNKNOWN_STRING))).toEqual([]);
    expect(stackViolationsOf(networkPolicy, cniAt("props.clusterName", UNKNOWN_STRING))).toEqual(
      [],
    );
    expect(
      stackViolationsOf(networkPolicy, cniAt("props.configurationValues", UNKNOWN_STRING)),
    ).toEqual([]);
  });
  it("judges each cluster on its own add-on", () => {
    const second: StackResourceInput[] = [
      { type: CLUSTER, name: "eks2", props: { name: "enclave-b", id: "enclave-b" } },
      {
        type: ADDON,
        name: "eks2-vpc-cni",
        props: { clusterName: "enclave-b", addonName: "vpc-cni" },
      },
    ];
    expect(stackViolationsOf(networkPolicy, [...stack(), ...second]).map((v) => v.urn)).toEqual([
      urnOf(CLUSTER, "eks2"),
    ]);
  });
});
