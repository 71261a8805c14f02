import { resourcePolicy } from "../../lib/define";
import { SG_RULE_TYPES, describePorts, isAnywhere, sgRules } from "../../lib/aws/network";
import { cisAws } from "../../lib/aws/common";

export default resourcePolicy({
  name: "aws-ec2-securitygroup-disallow-public-ingress",
  description:
    "Security groups must never admit traffic from the whole internet (0.0.0.0/0 or ::/0), on any port. Every entry point of the footprint is reached through the allowlisted CIDRs, so an open rule is always a mistake and usually a reachable database, node or admin port.",
  severity: "critical",
  remediation:
    "Replace 0.0.0.0/0 or ::/0 with the allowlisted CIDRs (enclave:allowlist), a prefix list or a source security group.",
  controls: { nist: ["SC-7", "SC-7(5)", "AC-4", "AC-17"], cis: cisAws("5.2", "5.3") },
  concern: "network-exposure",
  resourceTypes: SG_RULE_TYPES,
  check({ type, props }, report) {
    for (const rule of sgRules(type, props)) {
      if (rule.direction !== "ingress") {
        continue;
      }
      for (const cidr of rule.cidrs.filter(isAnywhere)) {
        report(
          `Ingress ${rule.where} (${describePorts(rule)}) is open to ${cidr.trim()}. Allow only the allowlisted CIDRs or a source security group.`,
        );
      }
    }
  },
});
