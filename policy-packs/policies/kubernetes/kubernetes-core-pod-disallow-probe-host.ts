import { get, str, type Props } from "../../lib/props";
import { containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

const HANDLERS = [
  "livenessProbe",
  "readinessProbe",
  "startupProbe",
  "lifecycle.postStart",
  "lifecycle.preStop",
] as const;

function hostsOf(container: Props): string[] {
  const found: string[] = [];
  for (const handler of HANDLERS) {
    for (const action of ["httpGet", "tcpSocket"] as const) {
      const host = str(get(container, `${handler}.${action}.host`)) ?? "";
      if (host !== "") {
        found.push(`${handler}.${action}.host=${host}`);
      }
    }
  }
  return found;
}

/** Pod Security Standards, baseline "Probes / Lifecycle Hooks" (Kubernetes 1.34+). */
export default podPolicy({
  name: "kubernetes-core-pod-disallow-probe-host",
  description:
    "Probes and lifecycle handlers must not name a host (httpGet.host or tcpSocket.host): the kubelet would send those requests from the node to any address the manifest chooses, which lets a workload reach networks its pods cannot.",
  severity: "medium",
  remediation:
    "Remove the host field from every httpGet and tcpSocket probe (livenessProbe, readinessProbe, startupProbe) and lifecycle handler (postStart, preStop); the kubelet then targets the pod's own IP.",
  controls: { nist: ["AC-4", "SC-7"] },
  concern: "workload-security",
  check(pod, report) {
    const parts: string[] = [];
    for (const c of pod.containers) {
      const hosts = hostsOf(c.props);
      if (hosts.length > 0) {
        parts.push(`${containerLabel(c)} (${hosts.join(", ")})`);
      }
    }
    if (parts.length > 0) {
      report(`probes or lifecycle handlers target another host: ${parts.join("; ")}`);
    }
  },
});
