import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { podOf } from "../../lib/kubernetes/pod";
import { get, jsonDoc, str } from "../../lib/props";
import { UNKNOWN, forEachKnown, joinReferences, ofTypes, tryRead } from "../../lib/stack";

const CLUSTER = "aws:eks/cluster:Cluster";
const ADDON = "aws:eks/addon:Addon";
const OBSERVABILITY = "amazon-cloudwatch-observability";
const DAEMON_SET = "kubernetes:apps/v1:DaemonSet";
/** Fluent Bit images: upstream (fluent/fluent-bit), AWS's (aws-for-fluent-bit), and mirrors of them. */
const FLUENT_BIT_IMAGE = /(^|\/)(aws-for-)?fluent-?bit(:|@|$)/;

/** The add-on ships container logs unless its configuration turns them off, or is unreadable. */
function addonShipsLogs(addon: PolicyResource): boolean | typeof UNKNOWN {
  return tryRead(() => {
    if (str(addon.props.addonName) !== OBSERVABILITY) {
      return false;
    }
    const raw = addon.props.configurationValues;
    if (raw === undefined || raw === null || raw === "") {
      return true;
    }
    const config = jsonDoc(raw);
    return config !== undefined && get(config, "containerLogs.enabled") !== false;
  });
}

function isFluentBitDaemonSet(ds: PolicyResource): boolean {
  const pod = podOf(ds.type, ds.props);
  return (pod?.containers ?? []).some((c) => FLUENT_BIT_IMAGE.test(str(c.props.image) ?? ""));
}

export default stackPolicy({
  name: "aws-eks-cluster-require-log-shipping",
  description:
    "Every EKS cluster of the stack must ship its container logs off the nodes: the amazon-cloudwatch-observability add-on (container logs on) for that cluster, or a Fluent Bit DaemonSet in the stack. Without it the proxy's access log, the app's and the identity provider's logs live only as long as the pod's log file on the node, and an intruder with node access can erase them.",
  severity: "medium",
  remediation:
    'Add an aws.eks.Addon { clusterName: cluster.name, addonName: "amazon-cloudwatch-observability", addonVersion: "<pinned>", serviceAccountRoleArn: <IRSA role of amazon-cloudwatch:cloudwatch-agent> } and pre-create its /aws/containerinsights/<cluster>/{application,dataplane,host,performance} log groups with a KMS key and retention (enclave: leave enclave:aws.containerLogs at its default true). A collector the stack does not own: waive with its name.',
  controls: { nist: ["AU-4(1)", "AU-9(2)", "AU-6"] },
  concern: "data-protection",
  resourceTypes: [CLUSTER],
  check(resources, report) {
    const daemonSets = ofTypes(resources, [DAEMON_SET]);
    if (daemonSets.some((ds) => tryRead(() => isFluentBitDaemonSet(ds)) === true)) {
      return;
    }
    const addons = ofTypes(resources, [ADDON]);
    // An observability add-on (or one of unknown name) whose cluster is not known yet could be any cluster's.
    const mayShip = (a: PolicyResource) => {
      const addonName = tryRead(() => str(a.props.addonName));
      return addonName === UNKNOWN || addonName === OBSERVABILITY;
    };
    const floating = addons.some(
      (a) => mayShip(a) && tryRead(() => a.props.clusterName) === UNKNOWN,
    );
    if (floating) {
      return;
    }
    const joined = joinReferences(ofTypes(resources, [CLUSTER]), addons, {
      sourceProp: "clusterName",
      targetKeys: ["name", "id"],
    });
    forEachKnown([...joined], ([cluster, join]) => {
      const ships = join.related.map(addonShipsLogs);
      if (ships.includes(true) || ships.includes(UNKNOWN) || join.uncertain) {
        return;
      }
      const disabled = join.related.some((a) => str(a.props.addonName) === OBSERVABILITY);
      report(
        disabled
          ? `EKS cluster "${cluster.name}" has the ${OBSERVABILITY} add-on with containerLogs.enabled false, so no container log leaves the nodes. Turn container logs on.`
          : `EKS cluster "${cluster.name}" ships no container logs: no ${OBSERVABILITY} add-on for it and no Fluent Bit DaemonSet in the stack. Add the add-on with its own IRSA role and encrypted, retained log groups.`,
        cluster.urn,
      );
    });
  },
});
