import { resourcePolicy } from "../../lib/define";
import { cisGke } from "../../lib/gcp/describe";
import { GKE_NODE_TYPES, nodeSitesOf } from "../../lib/gcp/gke";
import { get, str } from "../../lib/props";

const GKE_METADATA = "GKE_METADATA";

export default resourcePolicy({
  name: "gcp-container-nodepool-enable-gke-metadata-server",
  description:
    "GKE node pools must run the GKE metadata server. It answers pods with their own Workload Identity and hides the node's metadata, including its service account token and the kubelet bootstrap credentials, which a pod could otherwise use to act as the node.",
  severity: "high",
  remediation: `Set workloadMetadataConfig.mode to "${GKE_METADATA}" in the cluster's nodeConfig and in every node pool's nodeConfig (Workload Identity must be on for the cluster).`,
  controls: { nist: ["AC-6", "AC-3"], cis: cisGke("5.4.1") },
  concern: "least-privilege",
  resourceTypes: GKE_NODE_TYPES,
  check(resource, report) {
    for (const site of nodeSitesOf(resource, ["default-pool", "pool"])) {
      const mode = str(get(site.config, "workloadMetadataConfig.mode"));
      if (mode === undefined) {
        report(
          `${site.path}.workloadMetadataConfig.mode is not set, so whether pods can read the node's credentials depends on cluster defaults. Set it to "${GKE_METADATA}".`,
        );
      } else if (mode.trim().toUpperCase() !== GKE_METADATA) {
        report(
          `${site.path}.workloadMetadataConfig.mode is ${JSON.stringify(mode)}, so pods can read the node's metadata and credentials. Set it to "${GKE_METADATA}".`,
        );
      }
    }
  },
});
