import { resourcePolicy } from "../../lib/define";
import { cisGke, shown } from "../../lib/gcp/describe";
import { isAutopilot } from "../../lib/gcp/gke";
import { GCP } from "../../lib/gcp/types";
import { get, str } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-cluster-enable-workload-identity",
  description:
    "GKE clusters must enable Workload Identity, so that each Kubernetes service account acts as its own narrowly scoped Google service account. Without it, pods call Google APIs with the node's service account or with exported service account keys.",
  severity: "high",
  remediation:
    'Set workloadIdentityConfig.workloadPool to "<project>.svc.id.goog", run node pools with workloadMetadataConfig.mode "GKE_METADATA", and bind each Kubernetes service account to a Google service account with roles/iam.workloadIdentityUser.',
  controls: { nist: ["AC-6", "IA-5(7)"], cis: cisGke("5.2.2") },
  concern: "least-privilege",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    if (isAutopilot(props)) {
      return; // Autopilot always runs Workload Identity
    }
    const pool = get(props, "workloadIdentityConfig.workloadPool");
    if ((str(pool) ?? "").trim() === "") {
      report(
        `workloadIdentityConfig.workloadPool is ${shown(pool)}, so pods reach Google APIs only with the node's service account or exported keys. Set it to "<project>.svc.id.goog".`,
      );
    }
  },
});
