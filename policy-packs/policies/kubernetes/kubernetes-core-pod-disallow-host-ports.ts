import { arr, num, rec, strings } from "../../lib/props";
import { cisKubernetes, containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

interface Config {
  /** Ports or inclusive ranges a container may bind on the node: "8443", "5000-6000". */
  readonly allowedHostPorts: readonly string[];
}

function parseRanges(entries: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const entry of entries) {
    const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(entry);
    if (m) {
      const from = Number(m[1]);
      ranges.push([from, m[2] !== undefined ? Number(m[2]) : from]);
    }
  }
  return ranges;
}

/** Pod Security Standards, baseline "Host Ports" (a known list may be allowed by configuration). */
export default podPolicy<Config>({
  name: "kubernetes-core-pod-disallow-host-ports",
  description:
    "Containers must not bind ports on the node (ports[*].hostPort other than 0), unless the port is on the stack's allowed list (empty by default). A host port bypasses Services and network policies and pins the pod to nodes where the port is free.",
  severity: "medium",
  remediation:
    "Remove ports[*].hostPort from every container, init container and ephemeral container (or set it to 0) and expose the port through a Service. If a port must be bound on the node, list it in this policy's allowedHostPorts configuration with a justification.",
  controls: { nist: ["CM-7", "SC-7"], cis: cisKubernetes("5.2.13") },
  concern: "workload-security",
  configSchema: {
    properties: {
      allowedHostPorts: {
        type: "array",
        items: { type: "string", pattern: "^[0-9]{1,5}(-[0-9]{1,5})?$" },
        default: [],
        description:
          'Host ports or inclusive ranges that containers may bind, e.g. ["8443", "5000-6000"].',
      },
    },
  },
  check(pod, report, config) {
    const allowed = parseRanges(strings(config.allowedHostPorts));
    const parts: string[] = [];
    for (const c of pod.containers) {
      const ports = arr(c.props.ports)
        .map((p) => num(rec(p).hostPort))
        .filter((p): p is number => p !== undefined && p !== 0)
        .filter((p) => !allowed.some(([from, to]) => p >= from && p <= to));
      if (ports.length > 0) {
        parts.push(`${containerLabel(c)} binds ${ports.join(", ")}`);
      }
    }
    if (parts.length > 0) {
      report(`host ports are bound on the node: ${parts.join("; ")}`);
    }
  },
});
