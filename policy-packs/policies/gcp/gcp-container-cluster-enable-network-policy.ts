import { resourcePolicy } from "../../lib/define";
import { shown } from "../../lib/gcp/describe";
import { isAutopilot } from "../../lib/gcp/gke";
import { GCP } from "../../lib/gcp/types";
import { bool, get, str } from "../../lib/props";

const DATAPLANE_V2 = "ADVANCED_DATAPATH";

export default resourcePolicy({
  name: "gcp-container-cluster-enable-network-policy",
  description:
    "GKE clusters must enforce Kubernetes NetworkPolicies, with GKE Dataplane V2 or the network policy add-on. Without enforcement, the namespaces' default-deny policies are accepted by the API server but have no effect, and every pod can reach every other pod.",
  severity: "high",
  remediation: `Set datapathProvider to "${DATAPLANE_V2}" (Dataplane V2, which always enforces NetworkPolicies); on the legacy datapath set networkPolicy.enabled to true and leave addonsConfig.networkPolicyConfig.disabled unset or false.`,
  controls: { nist: ["SC-7", "AC-4"] },
  concern: "network-exposure",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    const datapath = props.datapathProvider;
    if (isAutopilot(props) || str(datapath)?.trim().toUpperCase() === DATAPLANE_V2) {
      return;
    }
    if (bool(get(props, "networkPolicy.enabled")) !== true) {
      report(
        `datapathProvider is ${shown(datapath)} and networkPolicy.enabled is not true, so NetworkPolicies are not enforced. Set datapathProvider to "${DATAPLANE_V2}".`,
      );
    } else if (bool(get(props, "addonsConfig.networkPolicyConfig.disabled")) === true) {
      report(
        "networkPolicy.enabled is true but addonsConfig.networkPolicyConfig.disabled is true, so NetworkPolicies are not enforced. Enable the add-on or use Dataplane V2.",
      );
    }
  },
});
