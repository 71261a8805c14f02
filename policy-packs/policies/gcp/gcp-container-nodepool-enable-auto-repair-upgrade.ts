import { resourcePolicy } from "../../lib/define";
import { cisGke } from "../../lib/gcp/describe";
import { GKE_NODE_TYPES, nodeSitesOf } from "../../lib/gcp/gke";
import { bool } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-nodepool-enable-auto-repair-upgrade",
  description:
    "GKE node pools must keep auto-repair and auto-upgrade on. Auto-upgrade rolls out GKE's security patches for the node image and kubelet; auto-repair replaces nodes that fail health checks instead of leaving them degraded.",
  severity: "medium",
  remediation:
    "Remove management.autoRepair and management.autoUpgrade (both default to true) or set them to true, on NodePool resources, inline nodePools and clusterAutoscaling.autoProvisioningDefaults; pair auto-upgrade with a release channel and a maintenance window.",
  controls: { nist: ["SI-2", "SI-2(5)", "CP-10"], cis: cisGke("5.5.2", "5.5.3") },
  concern: "workload-security",
  resourceTypes: GKE_NODE_TYPES,
  check(resource, report) {
    for (const site of nodeSitesOf(resource, ["pool", "auto-provisioning"])) {
      if (!site.management) {
        continue;
      }
      const { path, value } = site.management;
      if (bool(value.autoRepair) === false) {
        report(`${path}.autoRepair is false, so failing nodes are not repaired. Set it to true.`);
      }
      if (bool(value.autoUpgrade) === false) {
        report(
          `${path}.autoUpgrade is false, so nodes miss GKE's security patches. Set it to true.`,
        );
      }
    }
  },
});
