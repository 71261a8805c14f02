import { resourcePolicy } from "../../lib/define";
import { cisGke, shown } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { get, str } from "../../lib/props";

const CHANNELS = ["RAPID", "REGULAR", "STABLE", "EXTENDED"];

export default resourcePolicy({
  name: "gcp-container-cluster-enable-release-channel",
  description:
    "GKE clusters must be enrolled in a release channel, so that GKE upgrades the control plane and nodes to patched versions on a known cadence. A cluster outside a channel depends on people to track and apply security patches.",
  severity: "medium",
  remediation: `Set releaseChannel.channel to one of ${CHANNELS.join(", ")} (REGULAR or STABLE for production) and configure a maintenancePolicy window.`,
  controls: { nist: ["SI-2", "SI-2(5)"], cis: cisGke("5.5.4") },
  concern: "workload-security",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    const channel = get(props, "releaseChannel.channel");
    if (!CHANNELS.includes(str(channel)?.trim().toUpperCase() ?? "")) {
      report(
        `releaseChannel.channel is ${shown(channel)}, so the cluster is not in a release channel and its upgrades are manual. Set it to "REGULAR" or "STABLE".`,
      );
    }
  },
});
