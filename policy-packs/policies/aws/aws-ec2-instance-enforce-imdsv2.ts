import { resourcePolicy } from "../../lib/define";
import { get, num, str } from "../../lib/props";
import { cisAws } from "../../lib/aws/common";

interface Config {
  readonly maximumHopLimit: number;
}

export default resourcePolicy<Config>({
  name: "aws-ec2-instance-enforce-imdsv2",
  description:
    "EC2 instances, launch templates and launch configurations must require IMDSv2 session tokens and keep the metadata response hop limit at 1 (configurable). IMDSv1 answers server-side request forgery with the node's role credentials, and a hop limit above 1 lets every pod on a node fetch them.",
  severity: "high",
  remediation:
    'Set metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" } (or httpEndpoint: "disabled" when nothing on the instance needs metadata). Give pods their own identity through EKS Pod Identity or IRSA.',
  controls: { nist: ["AC-3", "AC-6", "SC-7", "CM-7"], cis: cisAws("5.6") },
  concern: "workload-security",
  resourceTypes: [
    "aws:ec2/instance:Instance",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:ec2/launchConfiguration:LaunchConfiguration",
  ],
  configSchema: {
    properties: {
      maximumHopLimit: {
        type: "integer",
        minimum: 1,
        maximum: 64,
        default: 1,
        description:
          "Highest httpPutResponseHopLimit accepted (2 lets containers reach the node's metadata).",
      },
    },
  },
  check({ props }, report, config) {
    const options = props.metadataOptions;
    if (str(get(options, "httpEndpoint")) === "disabled") {
      return;
    }
    const tokens = str(get(options, "httpTokens"));
    if (tokens !== "required") {
      report(
        `metadataOptions.httpTokens is ${tokens ? `"${tokens}"` : "not set"}, so IMDSv1 may answer. Set it to "required".`,
      );
    }
    const max = num(config.maximumHopLimit) ?? 1;
    const hops = num(get(options, "httpPutResponseHopLimit"));
    if (hops === undefined) {
      report(
        `metadataOptions.httpPutResponseHopLimit is not set, so the AMI decides (AL2023 images use 2). Set it to ${max}.`,
      );
    } else if (hops > max) {
      report(
        `metadataOptions.httpPutResponseHopLimit is ${hops}, above ${max}: containers can reach the node's credentials. Set it to ${max}.`,
      );
    }
  },
});
