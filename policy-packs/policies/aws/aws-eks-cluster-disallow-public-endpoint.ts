import { resourcePolicy } from "../../lib/define";
import { bool, get, strings } from "../../lib/props";
import { INTERNET_RULE, internetProblems } from "../../lib/cidr";
import { cisEks } from "../../lib/aws/common";

interface Config {
  /** Accept a public endpoint limited to listed CIDRs (enclave:aws.publicApiEndpoint: true). */
  readonly allowPublicEndpointWithCidrs: boolean;
}

export default resourcePolicy<Config>({
  name: "aws-eks-cluster-disallow-public-endpoint",
  description: `An EKS cluster's API endpoint must be private; a public endpoint is accepted only when the stack opts in (allowPublicEndpointWithCidrs) and then only for listed CIDRs that do not cover the internet (${INTERNET_RULE}). The provider turns the public endpoint on by default and EKS then opens it to the whole internet, which leaves the control plane one stolen token or one API vulnerability away from compromise.`,
  severity: "critical",
  remediation:
    "Set vpcConfig.endpointPrivateAccess: true and endpointPublicAccess: false; or, if operators must reach the API from outside the VPC, keep it public with publicAccessCidrs set to the admin allowlist.",
  controls: { nist: ["SC-7", "SC-7(5)", "AC-17", "AC-3"], cis: cisEks("5.4.1", "5.4.2") },
  concern: "network-exposure",
  resourceTypes: ["aws:eks/cluster:Cluster"],
  configSchema: {
    properties: {
      allowPublicEndpointWithCidrs: {
        type: "boolean",
        default: false,
        description:
          "Accept a public API endpoint limited to publicAccessCidrs (which must still not cover the internet, whole or in pieces).",
      },
    },
  },
  check({ props }, report, config) {
    const vpc = props.vpcConfig;
    if (bool(get(vpc, "endpointPublicAccess")) === false) {
      return;
    }
    const cidrs = strings(get(vpc, "publicAccessCidrs"));
    if (cidrs.length === 0) {
      report(
        "The public API endpoint is on (vpcConfig.endpointPublicAccess is true or unset) and vpcConfig.publicAccessCidrs is empty, so EKS opens it to 0.0.0.0/0. Turn it off or list the admin CIDRs.",
      );
      return;
    }
    const open = internetProblems("vpcConfig.publicAccessCidrs", cidrs);
    for (const problem of open) {
      report(`${problem}, so the API endpoint is open to the internet. List the admin CIDRs only.`);
    }
    if (open.length === 0 && !config.allowPublicEndpointWithCidrs) {
      report(
        `The public API endpoint is on, limited to ${cidrs.join(", ")}. Keep the endpoint private, or accept this exposure explicitly with allowPublicEndpointWithCidrs: true for this policy in enclave:policy.`,
      );
    }
  },
});
