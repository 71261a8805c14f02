import { resourcePolicy } from "../../lib/define";
import { arr } from "../../lib/props";
import { cisAws } from "../../lib/aws/common";

export default resourcePolicy({
  name: "aws-ec2-defaultsecuritygroup-disallow-rules",
  description:
    "A VPC's default security group must have no ingress and no egress rules. Resources launched without an explicit group land in it, and its stock rules let every member talk to every other member and to the internet.",
  severity: "medium",
  remediation:
    "Adopt the default group with aws.ec2.DefaultSecurityGroup and leave ingress and egress empty; give every resource its own purpose-built security group.",
  controls: { nist: ["SC-7", "SC-7(5)", "AC-4", "CM-7"], cis: cisAws("5.4") },
  concern: "network-exposure",
  resourceTypes: ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
  check({ props }, report) {
    const ingress = arr(props.ingress).length;
    const egress = arr(props.egress).length;
    if (ingress + egress > 0) {
      report(
        `The default security group keeps ${ingress} ingress and ${egress} egress rule(s). Remove them all.`,
      );
    }
  },
});
