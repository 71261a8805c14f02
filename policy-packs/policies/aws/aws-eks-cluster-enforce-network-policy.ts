import type { PolicyResource } from "@pulumi/policy";
import { parse } from "yaml";
import { stackPolicy } from "../../lib/define";
import { podOf } from "../../lib/kubernetes/pod";
import { bool, get, isRecord, str } from "../../lib/props";
import { forEachKnown, joinReferences, ofTypes, tryRead, UNKNOWN } from "../../lib/stack";
import { cisEks } from "../../lib/aws/common";

const CLUSTER = "aws:eks/cluster:Cluster";
const ADDON = "aws:eks/addon:Addon";
const VPC_CNI = "vpc-cni";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const HELM_TYPES = [
  "kubernetes:helm.sh/v3:Release",
  "kubernetes:helm.sh/v4:Chart",
  "kubernetes:helm.sh/v3:Chart",
];
const DAEMON_SET = "kubernetes:apps/v1:DaemonSet";
/** Network policy engines other than the VPC CNI's agent, by chart and by image. */
const ENGINE_CHART = /^(cilium|calico|tigera-operator|antrea)$/;
const ENGINE_IMAGE = /(^|\/)(cilium|calico\/node|node|antrea-agent|antrea-ubuntu)(:|@|$)/;
const ENGINE_IMAGE_REPO = /(cilium|calico|tigera|antrea)/;

/**
 * The add-on's configurationValues as an object. EKS takes JSON or YAML; an absent value is {}
 * (the add-on's defaults), an unreadable one undefined.
 */
function configurationOf(addon: PolicyResource): Record<string, unknown> | undefined {
  const raw = addon.props.configurationValues;
  if (raw === undefined || raw === null || raw === "") {
    return {};
  }
  if (isRecord(raw)) {
    return raw;
  }
  if (typeof raw !== "string") {
    return undefined;
  }
  try {
    const parsed: unknown = parse(raw);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A Cilium, Calico or Antrea install in the stack (Helm release or agent DaemonSet). */
function otherEngine(resources: readonly PolicyResource[]): boolean {
  const charts = ofTypes(resources, HELM_TYPES).some(
    (r) => tryRead(() => ENGINE_CHART.test(str(r.props.chart)?.split("/").pop() ?? "")) === true,
  );
  const agents = ofTypes(resources, [DAEMON_SET]).some(
    (ds) =>
      tryRead(() =>
        (podOf(ds.type, ds.props)?.containers ?? []).some((c) => {
          const image = str(c.props.image) ?? "";
          return ENGINE_IMAGE_REPO.test(image) && ENGINE_IMAGE.test(image);
        }),
      ) === true,
  );
  return charts || agents;
}

/** EKS Auto Mode turns its network policy controller on through the amazon-vpc-cni ConfigMap. */
function autoModeControllerOn(resources: readonly PolicyResource[]): boolean {
  return ofTypes(resources, [CONFIG_MAP]).some(
    (cm) =>
      tryRead(
        () =>
          str(get(cm.props, "metadata.name")) === "amazon-vpc-cni" &&
          str(get(cm.props, "metadata.namespace")) === "kube-system" &&
          bool(get(cm.props, "data.enable-network-policy-controller")) === true,
      ) === true,
  );
}

export default stackPolicy({
  name: "aws-eks-cluster-enforce-network-policy",
  description:
    'Every EKS cluster must enforce Kubernetes NetworkPolicies: its vpc-cni add-on sets enableNetworkPolicy "true" in configurationValues (the VPC CNI\'s node agent enforces nothing otherwise), or the stack installs another policy engine (Cilium, Calico, Antrea); an EKS Auto Mode cluster needs the amazon-vpc-cni ConfigMap with enable-network-policy-controller "true". Without an enforcer the API server accepts NetworkPolicies and nothing applies them: the default-deny and the allowlists the stack declares protect no pod.',
  severity: "high",
  remediation:
    'Manage the VPC CNI as an aws.eks.Addon { addonName: "vpc-cni", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) } for the cluster, or install Cilium or Calico with policy enforcement. For EKS Auto Mode, create the kube-system/amazon-vpc-cni ConfigMap with data { "enable-network-policy-controller": "true" }.',
  controls: { nist: ["SC-7", "AC-4", "SC-7(5)"], cis: cisEks("5.4.4") },
  concern: "network-exposure",
  resourceTypes: [CLUSTER],
  check(resources, report) {
    if (otherEngine(resources)) {
      return;
    }
    const addons = ofTypes(resources, [ADDON]);
    // A vpc-cni add-on (or one of unknown name) whose cluster is not known yet could be any cluster's.
    const floatingCni = addons.some((a) => {
      const addonName = tryRead(() => str(a.props.addonName));
      return (
        (addonName === UNKNOWN || addonName === VPC_CNI) &&
        tryRead(() => a.props.clusterName) === UNKNOWN
      );
    });
    const joined = joinReferences(ofTypes(resources, [CLUSTER]), addons, {
      sourceProp: "clusterName",
      targetKeys: ["name", "id"],
    });
    const autoModeOn = autoModeControllerOn(resources);
    forEachKnown([...joined], ([cluster, join]) => {
      if (bool(get(cluster.props, "computeConfig.enabled")) === true) {
        if (!autoModeOn) {
          report(
            `EKS Auto Mode cluster "${cluster.name}" does not turn on its network policy controller: no kube-system/amazon-vpc-cni ConfigMap with enable-network-policy-controller "true", so NetworkPolicies are not enforced. Create the ConfigMap.`,
            cluster.urn,
          );
        }
        return;
      }
      const names = join.related.map((a) => tryRead(() => str(a.props.addonName)));
      if (names.includes(UNKNOWN)) {
        return; // an add-on whose name is not known yet could be the VPC CNI
      }
      const cnis = join.related.filter((_, i) => names[i] === VPC_CNI);
      if (cnis.length === 0) {
        if (!join.uncertain && !floatingCni) {
          report(
            `EKS cluster "${cluster.name}" has no vpc-cni add-on and the stack installs no other network policy engine: the self-managed VPC CNI does not enforce NetworkPolicies. Add the vpc-cni add-on with enableNetworkPolicy "true".`,
            cluster.urn,
          );
        }
        return;
      }
      const states = cnis.map((a) =>
        tryRead(() => {
          const config = configurationOf(a);
          return config === undefined ? undefined : bool(config.enableNetworkPolicy);
        }),
      );
      if (states.includes(true) || states.includes(UNKNOWN)) {
        return;
      }
      const unreadable =
        states.includes(undefined) && cnis.some((a) => configurationOf(a) === undefined);
      report(
        unreadable
          ? `The vpc-cni add-on of EKS cluster "${cluster.name}" has configurationValues that cannot be read as JSON or YAML, so enableNetworkPolicy cannot be seen to be on. Set configurationValues to {"enableNetworkPolicy": "true"}.`
          : `The vpc-cni add-on of EKS cluster "${cluster.name}" does not set enableNetworkPolicy "true" in configurationValues: the node agent enforces no NetworkPolicy. Set it.`,
        cluster.urn,
      );
    });
  },
});
