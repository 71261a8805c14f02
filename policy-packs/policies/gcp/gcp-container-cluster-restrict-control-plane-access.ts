import { resourcePolicy } from "../../lib/define";
import { INTERNET_RULE, internetProblems } from "../../lib/cidr";
import { cisGke } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { arr, bool, get, isRecord, rec, str } from "../../lib/props";

interface Config {
  /** Accept a public endpoint limited to authorized networks (enclave:gcp.publicEndpoint: true). */
  readonly allowPublicEndpointWithAuthorizedNetworks: boolean;
}

export default resourcePolicy<Config>({
  name: "gcp-container-cluster-restrict-control-plane-access",
  description: `The GKE control plane must not be reachable from the whole internet. Either its IP endpoint is private (or turned off in favour of the IAM-authorised DNS endpoint), or, when the stack opts in (allowPublicEndpointWithAuthorizedNetworks), master authorized networks limit the public endpoint to known networks, which together do not cover the internet (${INTERNET_RULE}).`,
  severity: "critical",
  remediation:
    "Set privateClusterConfig.enablePrivateEndpoint to true, or set controlPlaneEndpointsConfig.ipEndpointsConfig.enabled to false and use the DNS endpoint; otherwise set masterAuthorizedNetworksConfig.cidrBlocks to the operators' networks (never 0.0.0.0/0 nor the internet in pieces) leave gcpPublicCidrsAccessEnabled unset or false, and accept the public endpoint with allowPublicEndpointWithAuthorizedNetworks: true for this policy in the stack's enclave:policy.",
  controls: { nist: ["SC-7", "AC-17"], cis: cisGke("5.6.3", "5.6.4") },
  concern: "network-exposure",
  resourceTypes: [GCP.cluster],
  configSchema: {
    properties: {
      allowPublicEndpointWithAuthorizedNetworks: {
        type: "boolean",
        default: false,
        description:
          "Accept a public control-plane endpoint limited to masterAuthorizedNetworksConfig.cidrBlocks (which must still not cover the internet, whole or in pieces).",
      },
    },
  },
  check({ props }, report, config) {
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
    const open = internetProblems("masterAuthorizedNetworksConfig.cidrBlocks", blocks);
    for (const problem of open) {
      report(`${problem}. List only the operators' networks.`);
    }
    const googleWide = bool(authorized.gcpPublicCidrsAccessEnabled) === true;
    if (googleWide) {
      report(
        "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled is true, so every Google Cloud public IP address can reach the Kubernetes API. Set it to false.",
      );
    }
    if (open.length === 0 && !googleWide && !config.allowPublicEndpointWithAuthorizedNetworks) {
      const listed = blocks.filter((b) => b !== undefined).join(", ") || "no network";
      report(
        `The control plane has a public endpoint, limited to ${listed}. Keep the endpoint private, or accept this exposure explicitly with allowPublicEndpointWithAuthorizedNetworks: true for this policy in enclave:policy.`,
      );
    }
  },
});
