import { describe, expect, it } from "vitest";
import shipping from "../../../policy-packs/policies/aws/aws-eks-cluster-require-log-shipping";
import type { StackResourceInput } from "../../helpers/policy";
import { UNKNOWN_STRING, stackViolationsOf, withValue } from "../../helpers/aws-policies";

const CLUSTER = "aws:eks/cluster:Cluster";
const ADDON = "aws:eks/addon:Addon";
const DAEMON_SET = "kubernetes:apps/v1:DaemonSet";
const urn = `urn:pulumi:test::enclave::${CLUSTER}::eks`;

/** The kit's cluster and its observability add-on (components/aws/eks/containerLogs.ts). */
const cluster: StackResourceInput = {
  type: CLUSTER,
  name: "eks",
  props: { name: "enclave-acme-prod", enabledClusterLogTypes: ["audit"] },
};
const addon = {
  clusterName: "enclave-acme-prod",
  addonName: "amazon-cloudwatch-observability",
  addonVersion: "v6.0.1-eksbuild.1",
  configurationValues: JSON.stringify({ containerLogs: { enabled: true } }),
};
const stack = (a: Record<string, unknown> = addon, extra: StackResourceInput[] = []) => [
  cluster,
  { type: ADDON, name: "observability", props: a },
  {
    type: ADDON,
    name: "coredns",
    props: { clusterName: "enclave-acme-prod", addonName: "coredns" },
  },
  ...extra,
];
const fluentBit = (image: string): StackResourceInput => ({
  type: DAEMON_SET,
  name: "fluent-bit",
  props: {
    metadata: { name: "fluent-bit", namespace: "logging" },
    spec: { template: { spec: { containers: [{ name: "fluent-bit", image }] } } },
  },
});
const none = {
  message: `EKS cluster "eks" ships no container logs: no amazon-cloudwatch-observability add-on for it and no Fluent Bit DaemonSet in the stack. Add the add-on with its own IRSA role and encrypted, retained log groups.`,
  urn,
};

describe("aws-eks-cluster-require-log-shipping", () => {
  it("passes the kit's cluster with the add-on (configuration absent or container logs on)", () => {
    expect(stackViolationsOf(shipping, stack())).toEqual([]);
    expect(
      stackViolationsOf(shipping, stack({ ...addon, configurationValues: undefined })),
    ).toEqual([]);
  });

  it("passes a cluster whose stack runs a Fluent Bit DaemonSet instead", () => {
    const withoutAddon = [
      cluster,
      fluentBit("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.34.0"),
    ];
    expect(stackViolationsOf(shipping, withoutAddon)).toEqual([]);
    expect(
      stackViolationsOf(shipping, [cluster, fluentBit("cr.fluentbit.io/fluent/fluent-bit:4.0.3")]),
    ).toEqual([]);
  });

  it("fires on the kit's pre-fix shape (the opt-out): no add-on, only the core ones", () => {
    expect(stackViolationsOf(shipping, stack({ ...addon, addonName: "kube-proxy" }))).toEqual([
      none,
    ]);
    expect(stackViolationsOf(shipping, [cluster])).toEqual([none]);
  });

  it("fires when the add-on is for another cluster", () => {
    expect(stackViolationsOf(shipping, stack(withValue(addon, "clusterName", "other")))).toEqual([
      none,
    ]);
  });

  it("fires when the add-on turns container logs off", () => {
    const off = withValue(
      addon,
      "configurationValues",
      JSON.stringify({ containerLogs: { enabled: false } }),
    );
    expect(stackViolationsOf(shipping, stack(off))).toEqual([
      {
        message: `EKS cluster "eks" has the amazon-cloudwatch-observability add-on with containerLogs.enabled false, so no container log leaves the nodes. Turn container logs on.`,
        urn,
      },
    ]);
  });

  it("does not take a DaemonSet of another image for a log shipper", () => {
    expect(
      stackViolationsOf(shipping, [cluster, fluentBit("docker.io/library/nginx:1.29")]),
    ).toEqual([none]);
  });

  it("stays silent while the add-on's cluster or configuration is unknown", () => {
    expect(
      stackViolationsOf(shipping, stack(withValue(addon, "clusterName", UNKNOWN_STRING))),
    ).toEqual([]);
    expect(
      stackViolationsOf(shipping, stack(withValue(addon, "configurationValues", UNKNOWN_STRING))),
    ).toEqual([]);
  });
});
