import { resourcePolicy } from "../../lib/define";
import { arr, get, num, rec } from "../../lib/props";
import { SERVICE_TOKENS } from "../../lib/kubernetes/types";

export default resourcePolicy({
  name: "kubernetes-core-service-disallow-node-port",
  description:
    "Services must not be of type NodePort. A NodePort opens the port on every node of the cluster, outside the ingress and its allowlist, and node firewalls are rarely scoped per service.",
  severity: "medium",
  remediation:
    "Use type ClusterIP behind the stack's ingress (or a LoadBalancer Service with loadBalancerSourceRanges) instead of NodePort.",
  controls: { nist: ["CM-7", "SC-7"] },
  concern: "network-exposure",
  resourceTypes: SERVICE_TOKENS,
  check(resource, report) {
    if (get(resource.props, "spec.type") !== "NodePort") {
      return;
    }
    const ports = arr(get(resource.props, "spec.ports"))
      .map((p) => num(rec(p).nodePort))
      .filter((p): p is number => p !== undefined);
    report(
      ports.length > 0
        ? `Service of type NodePort opens node ports ${ports.join(", ")} on every node`
        : "Service of type NodePort opens a port on every node",
    );
  },
});
