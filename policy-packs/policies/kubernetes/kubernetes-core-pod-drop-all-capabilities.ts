import { get, strings } from "../../lib/props";
import { cisKubernetes, containerLabel, offenders } from "../../lib/kubernetes/describe";
import { isWindowsPod } from "../../lib/kubernetes/pod";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/** Pod Security Standards, restricted "Capabilities". */
export default podPolicy({
  name: "kubernetes-core-pod-drop-all-capabilities",
  description:
    "Every container must drop ALL capabilities (securityContext.capabilities.drop includes ALL) and may add back only NET_BIND_SERVICE (Windows pods are exempt). The runtime's default capabilities (CHOWN, DAC_OVERRIDE, SETUID and others) are not needed by most processes and widen what a compromise can do.",
  severity: "medium",
  remediation:
    'Set securityContext.capabilities.drop: ["ALL"] on every container, init container and ephemeral container, and remove every capability other than NET_BIND_SERVICE from capabilities.add.',
  controls: { nist: ["AC-6", "CM-7"], cis: cisKubernetes("5.2.8", "5.2.9", "5.2.10") },
  concern: "workload-security",
  check(pod, report) {
    if (isWindowsPod(pod)) {
      return;
    }
    if (!pod.patch) {
      const missing = pod.containers.filter(
        (c) => !strings(get(c.securityContext, "capabilities.drop")).includes("ALL"),
      );
      if (missing.length > 0) {
        report(
          `securityContext.capabilities.drop does not include ALL on ${offenders(false, missing)}`,
        );
      }
    }
    const parts: string[] = [];
    for (const c of pod.containers) {
      const extra = strings(get(c.securityContext, "capabilities.add")).filter(
        (cap) => cap !== "NET_BIND_SERVICE",
      );
      if (extra.length > 0) {
        parts.push(`${containerLabel(c)} adds ${extra.join(", ")}`);
      }
    }
    if (parts.length > 0) {
      report(`capabilities other than NET_BIND_SERVICE are added: ${parts.join("; ")}`);
    }
  },
});
