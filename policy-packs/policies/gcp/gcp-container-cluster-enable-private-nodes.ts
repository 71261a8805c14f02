import { resourcePolicy } from "../../lib/define";
import { cisGke, shown } from "../../lib/gcp/describe";
import { GKE_NODE_TYPES, nodeSitesOf } from "../../lib/gcp/gke";
import { GCP } from "../../lib/gcp/types";
import { bool, get } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-cluster-enable-private-nodes",
  description:
    "GKE nodes must have internal IP addresses only. Nodes with public IP addresses can be reached from the internet on every port their firewall rules open, and reach it without going through the network's egress controls.",
  severity: "high",
  remediation:
    "Set privateClusterConfig.enablePrivateNodes to true on the cluster (with a masterIpv4CidrBlock or privateEndpointSubnetwork), give nodes egress through Cloud NAT, and do not set networkConfig.enablePrivateNodes to false on any node pool.",
  controls: { nist: ["SC-7", "AC-4"], cis: cisGke("5.6.5") },
  concern: "network-exposure",
  resourceTypes: GKE_NODE_TYPES,
  check(resource, report) {
    if (resource.type === GCP.cluster) {
      const value = get(resource.props, "privateClusterConfig.enablePrivateNodes");
      if (bool(value) !== true) {
        report(
          `privateClusterConfig.enablePrivateNodes is ${shown(value)}, so nodes get public IP addresses. Set it to true.`,
        );
      }
    }
    for (const site of nodeSitesOf(resource, ["pool"])) {
      if (site.network && bool(site.network.value.enablePrivateNodes) === false) {
        report(
          `${site.network.path}.enablePrivateNodes is false, so this pool's nodes get public IP addresses. Remove the override.`,
        );
      }
    }
  },
});
