import { resourcePolicy } from "../../lib/define";
import { cisGke, shown } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { get, str } from "../../lib/props";

const ON = ["BASIC", "ENTERPRISE"];

export default resourcePolicy({
  name: "gcp-container-cluster-enable-security-posture",
  description:
    "GKE clusters must declare the Kubernetes security posture dashboard on (mode BASIC, or ENTERPRISE with GKE Enterprise). It audits running workloads for insecure configuration, such as privileged containers or host namespaces, and surfaces the security bulletins that concern the cluster. Left unset, the cluster keeps whatever GKE chose at creation, and Terraform's safer-cluster module turns it off by default. Workload vulnerability scanning is not required: Google removed it from GKE Standard edition in July 2025, and image scanning belongs to the registry.",
  severity: "medium",
  remediation:
    'Set securityPostureConfig.mode to "BASIC" (or "ENTERPRISE" where the project runs GKE Enterprise), and scan images in Artifact Registry (Artifact Analysis).',
  controls: { nist: ["CA-7", "RA-5", "CM-6"], cis: cisGke("5.10.4") },
  concern: "workload-security",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    const mode = get(props, "securityPostureConfig.mode");
    if (!ON.includes(str(mode)?.trim().toUpperCase() ?? "")) {
      report(
        `securityPostureConfig.mode is ${shown(mode)}, so no security posture audit of the cluster's workloads is declared. Set it to "BASIC" (or "ENTERPRISE").`,
      );
    }
  },
});
