import { resourcePolicy } from "../../lib/define";
import { SG_RULE_TYPES, describePorts, sgRules } from "../../lib/aws/network";
import { INTERNET_RULE, internetProblems } from "../../lib/cidr";
import { cisAws } from "../../lib/aws/common";

export default resourcePolicy({
  name: "aws-ec2-securitygroup-disallow-public-ingress",
  description: `Security groups must never admit traffic from the whole internet, on any port, in one range or in pieces (${INTERNET_RULE}). Every entry point of the footprint is reached through the allowlisted CIDRs, so an open rule is always a mistake and usually a reachable database, node or admin port.`,
  severity: "critical",
  remediation:
    "Replace 0.0.0.0/0, ::/0 or any very short prefix (or set of prefixes) with the allowlisted CIDRs (enclave:allowlist), a prefix list or a source security group.",
  controls: { nist: ["SC-7", "SC-7(5)", "AC-4", "AC-17"], cis: cisAws("5.2", "5.3") },
  concern: "network-exposure",
  resourceTypes: SG_RULE_TYPES,
  check({ type, props }, report) {
    const ingress = sgRules(type, props).filter((rule) => rule.direction === "ingress");
    for (const rule of ingress) {
      for (const problem of internetProblems(
        `Ingress ${rule.where} (${describePorts(rule)})`,
        rule.cidrs,
      )) {
        report(`${problem}. Allow only the allowlisted CIDRs or a source security group.`);
      }
    }
    // Rules of one group are one allowlist: pieces spread over several rules add up.
    if (
      ingress.length > 1 &&
      ingress.every((rule) => internetProblems("", rule.cidrs).length === 0)
    ) {
      for (const problem of internetProblems(
        "The ingress rules' ranges",
        ingress.flatMap((r) => r.cidrs),
      )) {
        report(`${problem}. Allow only the allowlisted CIDRs or a source security group.`);
      }
    }
  },
});
