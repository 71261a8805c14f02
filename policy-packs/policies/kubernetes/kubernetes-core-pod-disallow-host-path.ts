import { arr, isRecord, rec, str } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/** Pod Security Standards, baseline "HostPath Volumes". */
export default podPolicy({
  name: "kubernetes-core-pod-disallow-host-path",
  description:
    "Pods must not mount hostPath volumes. A hostPath volume exposes the node's file system (container runtime sockets, kubelet credentials, other pods' data) to the container.",
  severity: "high",
  remediation:
    "Replace every spec.volumes[*].hostPath with an emptyDir, a configMap or secret volume, or a PersistentVolumeClaim.",
  controls: { nist: ["AC-3", "AC-6", "SC-39"], cis: cisKubernetes("5.2.12") },
  concern: "workload-security",
  check(pod, report) {
    const bad: string[] = [];
    arr(pod.spec.volumes).forEach((v, i) => {
      const volume = rec(v);
      if (isRecord(volume.hostPath)) {
        const name = str(volume.name) ?? `volumes[${i}]`;
        const path = str(volume.hostPath.path);
        bad.push(path !== undefined ? `"${name}" (${path})` : `"${name}"`);
      }
    });
    if (bad.length > 0) {
      report(`hostPath volumes mount the node's file system: ${bad.join(", ")}`);
    }
  },
});
