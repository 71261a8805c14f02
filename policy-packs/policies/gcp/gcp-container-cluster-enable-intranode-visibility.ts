import { resourcePolicy } from "../../lib/define";
import { cisGke, shown } from "../../lib/gcp/describe";
import { isAutopilot } from "../../lib/gcp/gke";
import { GCP } from "../../lib/gcp/types";
import { bool } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-cluster-enable-intranode-visibility",
  description:
    "GKE Standard clusters must turn on intranode visibility, so that traffic between pods on the same node goes through the VPC network. Without it, that traffic never appears in VPC flow logs and escapes firewall rules and Packet Mirroring, so a compromised pod can talk to its neighbours unseen. Autopilot clusters have it on always.",
  severity: "medium",
  remediation:
    "Set enableIntranodeVisibility to true (the provider's default is false on Standard clusters), with flow logs on the nodes' subnet.",
  controls: { nist: ["AU-12", "SI-4", "SC-7"], cis: cisGke("5.6.1") },
  concern: "network-exposure",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    if (isAutopilot(props)) {
      return;
    }
    const value = props.enableIntranodeVisibility;
    if (bool(value) !== true) {
      report(
        `enableIntranodeVisibility is ${shown(value)}, so traffic between pods on the same node bypasses VPC flow logs and firewall rules. Set it to true.`,
      );
    }
  },
});
