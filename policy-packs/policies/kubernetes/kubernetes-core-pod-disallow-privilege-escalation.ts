import { bool } from "../../lib/props";
import { cisKubernetes, offenders } from "../../lib/kubernetes/describe";
import { isWindowsPod } from "../../lib/kubernetes/pod";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/** Pod Security Standards, restricted "Privilege Escalation". */
export default podPolicy({
  name: "kubernetes-core-pod-disallow-privilege-escalation",
  description:
    "Every container must set securityContext.allowPrivilegeEscalation=false (Windows pods are exempt). Otherwise a process can gain more privileges than its parent, for example through set-user-ID binaries.",
  severity: "high",
  remediation:
    "Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.",
  controls: { nist: ["AC-6", "AC-6(10)"], cis: cisKubernetes("5.2.6") },
  concern: "workload-security",
  check(pod, report) {
    if (isWindowsPod(pod)) {
      return;
    }
    const bad = pod.containers.filter((c) => {
      const value = bool(c.securityContext.allowPrivilegeEscalation);
      return pod.patch ? value === true : value !== false;
    });
    if (bad.length > 0) {
      report(`securityContext.allowPrivilegeEscalation is not false on ${offenders(false, bad)}`);
    }
  },
});
