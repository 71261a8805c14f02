import { stackPolicy } from "../../lib/define";
import { str } from "../../lib/props";
import { forEachKnown, joinReferences, ofTypes } from "../../lib/stack";
import { cisAws } from "../../lib/aws/common";

interface Config {
  readonly requiredTrafficType: "ALL" | "REJECT";
}

export default stackPolicy<Config>({
  name: "aws-ec2-vpc-enable-flow-logs",
  description:
    "Every VPC the stack creates must have a flow log. Flow logs are the only record of which addresses talked to which inside and out of the VPC, needed to spot scanning, lateral movement and exfiltration and to reconstruct an incident.",
  severity: "medium",
  remediation:
    'Add an aws.ec2.FlowLog with vpcId: vpc.id, trafficType: "ALL" and a destination (a KMS-encrypted CloudWatch log group with retention, or an S3 bucket).',
  controls: { nist: ["AU-2", "AU-12", "SI-4"], cis: cisAws("3.7") },
  concern: "data-protection",
  resourceTypes: ["aws:ec2/vpc:Vpc"],
  configSchema: {
    properties: {
      requiredTrafficType: {
        type: "string",
        enum: ["ALL", "REJECT"],
        default: "ALL",
        description: "Traffic the flow log must capture: ALL, or at least REJECT.",
      },
    },
  },
  check(resources, report, config) {
    const flowLogs = ofTypes(resources, ["aws:ec2/flowLog:FlowLog"]);
    const joined = joinReferences(ofTypes(resources, ["aws:ec2/vpc:Vpc"]), flowLogs, {
      sourceProp: "vpcId",
      targetKeys: ["id", "arn"],
    });
    const required = config.requiredTrafficType === "REJECT" ? "REJECT" : "ALL";
    forEachKnown([...joined], ([vpc, join]) => {
      if (join.related.length === 0) {
        if (!join.uncertain) {
          report(`VPC "${vpc.name}" has no flow log. Add an aws.ec2.FlowLog for it.`, vpc.urn);
        }
        return;
      }
      const captured = join.related.map((f) => str(f.props.trafficType));
      const enough = captured.some((t) => t === "ALL" || (required === "REJECT" && t === "REJECT"));
      if (!enough) {
        report(
          `VPC "${vpc.name}" has flow logs only for ${captured.map((t) => t ?? "unset").join(", ")} traffic; ${required} is required.`,
          vpc.urn,
        );
      }
    });
  },
});
