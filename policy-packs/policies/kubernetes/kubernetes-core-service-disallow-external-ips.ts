import { resourcePolicy } from "../../lib/define";
import { get, strings } from "../../lib/props";
import { SERVICE_TOKENS } from "../../lib/kubernetes/types";

export default resourcePolicy({
  name: "kubernetes-core-service-disallow-external-ips",
  description:
    "Services must not set spec.externalIPs. Any address listed there is captured by every node's kube-proxy, which lets a Service owner intercept traffic meant for other destinations (CVE-2020-8554) and exposes the service outside the ingress.",
  severity: "high",
  remediation:
    "Remove spec.externalIPs; expose the service through the stack's ingress or a LoadBalancer Service with loadBalancerSourceRanges.",
  controls: { nist: ["AC-4", "SC-7"] },
  concern: "network-exposure",
  resourceTypes: SERVICE_TOKENS,
  check(resource, report) {
    const ips = strings(get(resource.props, "spec.externalIPs"));
    if (ips.length > 0) {
      report(`Service sets spec.externalIPs: ${ips.join(", ")}`);
    }
  },
});
