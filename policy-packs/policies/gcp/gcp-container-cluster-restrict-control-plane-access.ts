import { resourcePolicy } from "../../lib/define";
import { INTERNET_RULE, internetProblems } from "../../lib/cidr";
import { cisGke } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { arr, bool, get, isRecord, rec, str } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-cluster-restrict-control-plane-access",
  description: `The GKE control plane must not be reachable from the whole internet. Either its IP endpoint is private (or turned off in favour of the IAM-authorised DNS endpoint), or master authorized networks limit the public endpoint to known networks, which together do not cover the internet (${INTERNET_RULE}).`,
  severity: "critical",
  remediation:
    "Set privateClusterConfig.enablePrivateEndpoint to true, or set controlPlaneEndpointsConfig.ipEndpointsConfig.enabled to false and use the DNS endpoint; otherwise set masterAuthorizedNetworksConfig.cidrBlocks to the operators' networks (never 0.0.0.0/0 nor the internet in pieces) and leave gcpPublicCidrsAccessEnabled unset or false.",
  controls: { nist: ["SC-7", "AC-17"], cis: cisGke("5.6.3", "5.6.4") },
  concern: "network-exposure",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    if (bool(get(props, "controlPlaneEndpointsConfig.ipEndpointsConfig.enabled")) === false) {
      return; // only the DNS endpoint, which authorises every request with IAM
    }
    if (bool(get(props, "privateClusterConfig.enablePrivateEndpoint")) === true) {
      return;
    }
    const authorized = props.masterAuthorizedNetworksConfig;
    if (!isRecord(authorized)) {
      report(
        "The control plane has a public endpoint and masterAuthorizedNetworksConfig is not set, so any address on the internet can reach the Kubernetes API. Make the endpoint private or list the authorized networks.",
      );
      return;
    }
    const blocks = arr(authorized.cidrBlocks).map((b) => str(rec(b).cidrBlock));
    for (const problem of internetProblems("masterAuthorizedNetworksConfig.cidrBlocks", blocks)) {
      report(`${problem}. List only the operators' networks.`);
    }
    if (bool(authorized.gcpPublicCidrsAccessEnabled) === true) {
      report(
        "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled is true, so every Google Cloud public IP address can reach the Kubernetes API. Set it to false.",
      );
    }
  },
});
