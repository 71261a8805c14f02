import { bool } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

const FIELDS = ["hostNetwork", "hostPID", "hostIPC"] as const;

/** Pod Security Standards, baseline "Host Namespaces". */
export default podPolicy({
  name: "kubernetes-core-pod-disallow-host-namespaces",
  description:
    "Pods must not share the node's network, process or IPC namespaces (spec.hostNetwork, spec.hostPID, spec.hostIPC). Sharing them lets a container see and reach the node's traffic, processes and shared memory, and bypass network policies.",
  severity: "high",
  remediation:
    "Remove spec.hostNetwork, spec.hostPID and spec.hostIPC from the pod spec (or set them to false); expose ports through a Service instead of the host network.",
  controls: { nist: ["AC-6", "SC-7", "SC-39"], cis: cisKubernetes("5.2.3", "5.2.4", "5.2.5") },
  concern: "workload-security",
  check(pod, report) {
    const shared = FIELDS.filter((f) => bool(pod.spec[f]) === true);
    if (shared.length > 0) {
      report(`the pod shares host namespaces: ${shared.map((f) => `${f}=true`).join(", ")}`);
    }
  },
});
