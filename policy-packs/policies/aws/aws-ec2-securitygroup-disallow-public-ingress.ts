import { stackPolicy } from "../../lib/define";
import { forEachKnown } from "../../lib/stack";
import { SG_RULE_TYPES, describePorts, sgRules } from "../../lib/aws/network";
import {
  loadBalancerGroups,
  owningGroups,
  publicPortAllowed,
} from "../../lib/aws/lb-security-groups";
import { INTERNET_RULE, internetProblems } from "../../lib/cidr";
import { cisAws } from "../../lib/aws/common";

export default stackPolicy({
  name: "aws-ec2-securitygroup-disallow-public-ingress",
  description: `Security groups must never admit traffic from the whole internet, on any port, in one range or in pieces (${INTERNET_RULE}). Every entry point of the footprint is reached through the allowlisted CIDRs, so an open rule is always a mistake and usually a reachable database, node or admin port. The one exception is the group of an internet-facing load balancer that nothing else uses: it may open TCP 443, and TCP 80 when every HTTP listener on 80 only redirects to HTTPS.`,
  severity: "critical",
  remediation:
    "Replace 0.0.0.0/0, ::/0 or any very short prefix (or set of prefixes) with the allowlisted CIDRs (enclave:allowlist), a prefix list or a source security group. A public load balancer gets a group of its own (443, and 80 only for a redirect to HTTPS) that no workload shares.",
  controls: { nist: ["SC-7", "SC-7(5)", "AC-4", "AC-17"], cis: cisAws("5.2", "5.3") },
  concern: "network-exposure",
  resourceTypes: SG_RULE_TYPES,
  check(resources, report) {
    const lbGroups = loadBalancerGroups(resources);
    const owners = owningGroups(resources);
    forEachKnown([...owners], ([resource, group]) => {
      const lbGroup = group === undefined ? undefined : lbGroups.get(group.urn);
      const ingress = sgRules(resource.type, resource.props).filter(
        (rule) => rule.direction === "ingress" && !publicPortAllowed(rule, lbGroup),
      );
      for (const rule of ingress) {
        for (const problem of internetProblems(
          `Ingress ${rule.where} (${describePorts(rule)})`,
          rule.cidrs,
        )) {
          report(
            `${problem}. Allow only the allowlisted CIDRs or a source security group.`,
            resource.urn,
          );
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
          report(
            `${problem}. Allow only the allowlisted CIDRs or a source security group.`,
            resource.urn,
          );
        }
      }
    });
  },
});
