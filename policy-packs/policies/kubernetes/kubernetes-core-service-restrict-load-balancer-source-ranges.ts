import { resourcePolicy } from "../../lib/define";
import { get, rec, str, strings } from "../../lib/props";
import { INTERNET_RULE, internetProblems } from "../../lib/cidr";
import { SERVICE_TOKENS } from "../../lib/kubernetes/types";
import { internalBy } from "../../lib/kubernetes/load-balancer";

/** Cloud providers also read the source ranges from this annotation (comma separated). */
export const SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";

export default resourcePolicy({
  name: "kubernetes-core-service-restrict-load-balancer-source-ranges",
  description: `Services of type LoadBalancer must limit their clients with spec.loadBalancerSourceRanges (or the service.beta.kubernetes.io/load-balancer-source-ranges annotation), and the ranges may not cover the internet, whole or in pieces (${INTERNET_RULE}). Without it the cloud load balancer accepts connections from anywhere. Internal load balancers (AWS aws-load-balancer-scheme: internal or aws-load-balancer-internal, GKE networking.gke.io/load-balancer-type: Internal, Azure azure-load-balancer-internal) have private addresses only and are not judged.`,
  severity: "high",
  remediation:
    "Set spec.loadBalancerSourceRanges to the stack's allowlist CIDRs (enclave:allowlist), never 0.0.0.0/0, ::/0 or the internet in pieces; or expose the workload through the stack's ingress, which enforces the allowlist.",
  controls: { nist: ["AC-4", "SC-7", "SC-7(5)"] },
  concern: "network-exposure",
  resourceTypes: SERVICE_TOKENS,
  check(resource, report) {
    if (get(resource.props, "spec.type") !== "LoadBalancer" || internalBy(resource.props)) {
      return; // an internal load balancer has private addresses only
    }
    const fromField = strings(get(resource.props, "spec.loadBalancerSourceRanges"));
    const annotation =
      str(rec(get(resource.props, "metadata.annotations"))[SOURCE_RANGES_ANNOTATION]) ?? "";
    const ranges =
      fromField.length > 0
        ? fromField
        : annotation
            .split(",")
            .map((r) => r.trim())
            .filter((r) => r !== "");
    if (ranges.length === 0) {
      report(
        "LoadBalancer Service sets no spec.loadBalancerSourceRanges, so it accepts clients from any address",
      );
      return;
    }
    const what =
      fromField.length > 0
        ? "spec.loadBalancerSourceRanges"
        : `The ${SOURCE_RANGES_ANNOTATION} annotation`;
    for (const problem of internetProblems(what, ranges)) {
      report(`${problem}, so the LoadBalancer accepts clients from the internet`);
    }
  },
});
