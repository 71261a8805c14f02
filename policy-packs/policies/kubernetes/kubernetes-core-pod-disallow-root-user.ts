import { num } from "../../lib/props";
import { cisKubernetes, offenders } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/** Pod Security Standards, restricted "Running as Non-root user". */
export default podPolicy({
  name: "kubernetes-core-pod-disallow-root-user",
  description:
    "Pods and containers must not set securityContext.runAsUser=0. User id 0 is root, whatever runAsNonRoot says elsewhere, and gives a compromised process root's power over files and kernel interfaces shared with the node.",
  severity: "high",
  remediation:
    "Set securityContext.runAsUser to a non-zero user id (for example 10001) on the pod and remove runAsUser: 0 from every container.",
  controls: { nist: ["AC-6", "AC-6(2)"], cis: cisKubernetes("5.2.7") },
  concern: "workload-security",
  check(pod, report) {
    const podRoot = num(pod.securityContext.runAsUser) === 0;
    const containers = pod.containers.filter((c) => num(c.securityContext.runAsUser) === 0);
    if (podRoot || containers.length > 0) {
      report(`securityContext.runAsUser=0 is set on ${offenders(podRoot, containers)}`);
    }
  },
});
