import { resourcePolicy } from "../../lib/define";
import { SG_RULE_TYPES, allPorts, allProtocols, isAnywhere, sgRules } from "../../lib/aws/network";

export default resourcePolicy({
  name: "aws-ec2-securitygroup-disallow-unrestricted-egress",
  description:
    "Security groups must not allow all traffic (every protocol or every port) to the whole internet. Unrestricted egress is the exfiltration and command-and-control path of a compromised workload; egress should name the ports it needs (HTTPS, DNS) or reach AWS through VPC endpoints.",
  severity: "medium",
  remediation:
    "Replace the all-traffic egress rule with rules for the ports the workload needs (e.g. tcp 443 to 0.0.0.0/0 through the NAT gateway, tcp/udp 53 to the VPC resolver) or to VPC endpoint security groups and prefix lists.",
  controls: { nist: ["SC-7", "SC-7(5)", "AC-4"] },
  concern: "network-exposure",
  resourceTypes: SG_RULE_TYPES,
  check({ type, props }, report) {
    for (const rule of sgRules(type, props)) {
      if (rule.direction !== "egress" || !allPorts(rule)) {
        continue;
      }
      for (const cidr of rule.cidrs.filter(isAnywhere)) {
        const what = allProtocols(rule) ? "all traffic" : `every ${rule.protocol} port`;
        report(
          `Egress ${rule.where} allows ${what} to ${cidr.trim()}. Limit egress to the ports and destinations needed.`,
        );
      }
    }
  },
});
