import { resourcePolicy } from "../../lib/define";
import { cisGke } from "../../lib/gcp/describe";
import { GKE_NODE_TYPES, isComputeDefaultServiceAccount, nodeSitesOf } from "../../lib/gcp/gke";
import { str } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-nodepool-disallow-default-service-account",
  description:
    "GKE nodes must run as a dedicated, minimally privileged service account. The Compute Engine default service account, used when none is given, holds the Editor role on the project in most organisations, so any pod that reaches the node's credentials can change the whole project.",
  severity: "high",
  remediation:
    "Create a service account for the nodes with roles/logging.logWriter, roles/monitoring.metricWriter, roles/monitoring.viewer and roles/artifactregistry.reader only, and set serviceAccount to its email in every node configuration (including clusterAutoscaling.autoProvisioningDefaults).",
  controls: { nist: ["AC-6", "AC-2"], cis: cisGke("5.2.1") },
  concern: "least-privilege",
  resourceTypes: GKE_NODE_TYPES,
  check(resource, report) {
    for (const site of nodeSitesOf(resource, [
      "default-pool",
      "pool",
      "auto-provisioning",
      "autopilot",
    ])) {
      const account = str(site.config.serviceAccount);
      if (account === undefined || account.trim() === "") {
        report(
          `${site.path}.serviceAccount is not set, so nodes run as the Compute Engine default service account. Set it to a dedicated node service account.`,
        );
      } else if (isComputeDefaultServiceAccount(account)) {
        report(
          `${site.path}.serviceAccount is ${JSON.stringify(account)}, the Compute Engine default service account. Set it to a dedicated node service account.`,
        );
      }
    }
  },
});
