import { get, strings } from "../../lib/props";
import { cisKubernetes, containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/** The capabilities a container may add under the baseline policy (the runtime's default set). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

/** Pod Security Standards, baseline "Capabilities". */
export default podPolicy({
  name: "kubernetes-core-pod-restrict-added-capabilities",
  description:
    "Containers may add only capabilities from the runtime's default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT). Capabilities such as NET_RAW, NET_ADMIN or SYS_ADMIN give a container powers over the node's network or kernel.",
  severity: "high",
  remediation:
    "Remove every other capability from securityContext.capabilities.add of each container, init container and ephemeral container. Names are matched exactly as the runtime reads them, without a CAP_ prefix.",
  controls: { nist: ["AC-6", "CM-7"], cis: cisKubernetes("5.2.8", "5.2.9") },
  concern: "workload-security",
  check(pod, report) {
    const parts: string[] = [];
    for (const c of pod.containers) {
      const extra = strings(get(c.securityContext, "capabilities.add")).filter(
        (cap) => !BASELINE_CAPABILITIES.has(cap),
      );
      if (extra.length > 0) {
        parts.push(`${containerLabel(c)} adds ${extra.join(", ")}`);
      }
    }
    if (parts.length > 0) {
      report(`capabilities outside the baseline set are added: ${parts.join("; ")}`);
    }
  },
});
