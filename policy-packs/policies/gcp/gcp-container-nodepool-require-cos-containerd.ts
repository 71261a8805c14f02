import { resourcePolicy } from "../../lib/define";
import { cisGke } from "../../lib/gcp/describe";
import { GKE_NODE_TYPES, nodeSitesOf } from "../../lib/gcp/gke";
import { str } from "../../lib/props";

const COS = "COS_CONTAINERD";

export default resourcePolicy({
  name: "gcp-container-nodepool-require-cos-containerd",
  description:
    "GKE nodes must run Container-Optimized OS with containerd. COS has a read-only root file system, a minimal package set and automatic security updates from Google, which general-purpose images lack.",
  severity: "medium",
  remediation: `Leave imageType unset (GKE's default is ${COS}) or set it to "${COS}" in every node configuration.`,
  controls: { nist: ["CM-6", "CM-7"], cis: cisGke("5.5.1") },
  concern: "workload-security",
  resourceTypes: GKE_NODE_TYPES,
  check(resource, report) {
    for (const site of nodeSitesOf(resource, ["default-pool", "pool", "auto-provisioning"])) {
      const image = str(site.config.imageType);
      if (image !== undefined && image.trim().toUpperCase() !== COS) {
        report(
          `${site.path}.imageType is ${JSON.stringify(image)}, not Container-Optimized OS. Set it to "${COS}".`,
        );
      }
    }
  },
});
