import { resourcePolicy } from "../../lib/define";
import { SG_RULE_TYPES, allPorts, allProtocols, sgRules } from "../../lib/aws/network";
import { INTERNET_RULE, internetProblems } from "../../lib/cidr";

export default resourcePolicy({
  name: "aws-ec2-securitygroup-disallow-unrestricted-egress",
  description: `Security groups must not allow all traffic (every protocol or every port) to the whole internet, in one range or in pieces (${INTERNET_RULE}). Unrestricted egress is the exfiltration and command-and-control path of a compromised workload; egress should name the ports it needs (HTTPS, DNS) or reach AWS through VPC endpoints.`,
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
      const what = allProtocols(rule) ? "all traffic" : `every ${rule.protocol} port`;
      for (const problem of internetProblems(`Egress ${rule.where} (${what})`, rule.cidrs)) {
        report(`${problem}. Limit egress to the ports and destinations needed.`);
      }
    }
  },
});
