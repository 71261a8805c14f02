import { resourcePolicy } from "../../lib/define";
import { cisGke, shown } from "../../lib/gcp/describe";
import { GKE_NODE_TYPES, nodeSitesOf } from "../../lib/gcp/gke";
import { bool, get } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-nodepool-enable-shielded-instance",
  description:
    "GKE nodes must boot with Secure Boot and run with integrity monitoring. Secure Boot refuses boot components without a valid signature, which keeps rootkits and bootkits off the node; integrity monitoring reports any change to the measured boot sequence.",
  severity: "high",
  remediation:
    "In every node configuration (cluster nodeConfig, inline nodePools, NodePool resources and clusterAutoscaling.autoProvisioningDefaults) set shieldedInstanceConfig to { enableSecureBoot: true, enableIntegrityMonitoring: true }.",
  controls: { nist: ["SI-7", "SI-7(9)"], cis: cisGke("5.5.6", "5.5.7") },
  concern: "workload-security",
  resourceTypes: GKE_NODE_TYPES,
  check(resource, report) {
    for (const site of nodeSitesOf(resource, ["default-pool", "pool", "auto-provisioning"])) {
      const secureBoot = get(site.config, "shieldedInstanceConfig.enableSecureBoot");
      if (bool(secureBoot) !== true) {
        report(
          `${site.path}.shieldedInstanceConfig.enableSecureBoot is ${shown(secureBoot)}, so nodes boot without verifying the signatures of their boot components. Set it to true.`,
        );
      }
      if (bool(get(site.config, "shieldedInstanceConfig.enableIntegrityMonitoring")) === false) {
        report(
          `${site.path}.shieldedInstanceConfig.enableIntegrityMonitoring is false, so changes to the nodes' boot sequence go unnoticed. Set it to true.`,
        );
      }
    }
  },
});
