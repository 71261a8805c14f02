import { containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/** Pod Security Standards, baseline "/proc Mount Type". */
export default podPolicy({
  name: "kubernetes-core-pod-restrict-proc-mount",
  description:
    "Containers must keep the default /proc mount (securityContext.procMount unset or Default). An Unmasked /proc exposes kernel interfaces that the runtime masks to reduce the attack surface.",
  severity: "medium",
  remediation:
    "Remove securityContext.procMount from every container, init container and ephemeral container, or set it to Default.",
  controls: { nist: ["CM-7", "SC-39"] },
  concern: "workload-security",
  check(pod, report) {
    const parts = pod.containers
      .filter((c) => {
        const procMount = c.securityContext.procMount;
        return procMount !== undefined && procMount !== null && procMount !== "Default";
      })
      .map((c) => `${containerLabel(c)} (${String(c.securityContext.procMount)})`);
    if (parts.length > 0) {
      report(`securityContext.procMount is not Default on ${parts.join(", ")}`);
    }
  },
});
