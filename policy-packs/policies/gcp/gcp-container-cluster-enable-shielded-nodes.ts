import { resourcePolicy } from "../../lib/define";
import { cisGke } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { bool } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-cluster-enable-shielded-nodes",
  description:
    "GKE clusters must keep Shielded GKE Nodes on. Shielded nodes prove their identity to the control plane with a virtual TPM, which stops an attacker who steals a node's bootstrap credentials from impersonating the node.",
  severity: "high",
  remediation: "Remove enableShieldedNodes or set it to true (the default).",
  controls: { nist: ["SI-7", "SI-7(9)", "IA-3"], cis: cisGke("5.5.5") },
  concern: "workload-security",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    if (bool(props.enableShieldedNodes) === false) {
      report(
        "enableShieldedNodes is false, so nodes cannot prove their identity to the control plane. Set it to true.",
      );
    }
  },
});
