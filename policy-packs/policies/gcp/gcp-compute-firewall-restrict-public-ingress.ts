import { resourcePolicy } from "../../lib/define";
import { INTERNET_RULE, internetProblems } from "../../lib/cidr";
import { cisGcp } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { arr, bool, rec, str, strings } from "../../lib/props";

/** `tcp:22,443`, `udp (all ports)`, `all`. */
function describeAllow(allow: unknown): string {
  const rule = rec(allow);
  const protocol = str(rule.protocol) ?? "all";
  const ports = strings(rule.ports);
  if (protocol.toLowerCase() === "all") {
    return "all";
  }
  return ports.length > 0 ? `${protocol}:${ports.join(",")}` : `${protocol} (all ports)`;
}

export default resourcePolicy({
  name: "gcp-compute-firewall-restrict-public-ingress",
  description: `VPC firewall rules must not allow ingress from the whole internet, in one range or in pieces (${INTERNET_RULE}). Such a rule exposes every matching instance, including GKE nodes, on the allowed ports to scanning and exploitation; a rule with no source at all applies to every address too.`,
  severity: "critical",
  remediation:
    "Set sourceRanges to the networks that need access (the stack's allowlist, load balancer and health-check ranges) or use sourceTags / sourceServiceAccounts; reach instances for administration through IAP TCP forwarding (35.235.240.0/20) instead of opening SSH or RDP.",
  controls: { nist: ["SC-7", "AC-4"], cis: cisGcp("3.6", "3.7") },
  concern: "network-exposure",
  resourceTypes: [GCP.firewall],
  check({ props }, report) {
    const direction = str(props.direction)?.trim().toUpperCase() ?? "INGRESS";
    const allows = arr(props.allows);
    if (direction !== "INGRESS" || bool(props.disabled) === true || allows.length === 0) {
      return; // egress, disabled, or a deny rule
    }
    const allowed = allows.map(describeAllow).join("; ");
    const open = internetProblems("sourceRanges", strings(props.sourceRanges));
    for (const problem of open) {
      report(`${problem}, admitted to ${allowed}. Restrict it to known networks.`);
    }
    if (open.length > 0) {
      return;
    }
    const hasSource = ["sourceRanges", "sourceTags", "sourceServiceAccounts"].some(
      (key) => arr(props[key]).length > 0,
    );
    if (!hasSource) {
      report(
        `The rule sets no sourceRanges, sourceTags or sourceServiceAccounts, so it admits every address to ${allowed}. Set sourceRanges to known networks.`,
      );
    }
  },
});
