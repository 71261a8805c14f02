import { bool, get } from "../../lib/props";
import { cisKubernetes, offenders } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/** Pod Security Standards, baseline "HostProcess". */
export default podPolicy({
  name: "kubernetes-core-pod-disallow-host-process",
  description:
    "Pods must not run Windows HostProcess containers (securityContext.windowsOptions.hostProcess=true on the pod or on any container). A HostProcess container runs as a process on the node with full access to it, outside any container isolation.",
  severity: "critical",
  remediation:
    "Remove securityContext.windowsOptions.hostProcess from the pod and from every container, init container and ephemeral container (or set it to false). Node-level Windows agents belong to the cluster operator, not to the workload.",
  controls: { nist: ["AC-6", "CM-7", "SC-39"], cis: cisKubernetes("5.2.11") },
  concern: "workload-security",
  check(pod, report) {
    const podLevel = bool(get(pod.securityContext, "windowsOptions.hostProcess")) === true;
    const containers = pod.containers.filter(
      (c) => bool(get(c.securityContext, "windowsOptions.hostProcess")) === true,
    );
    if (podLevel || containers.length > 0) {
      report(
        `securityContext.windowsOptions.hostProcess=true is set on ${offenders(podLevel, containers)}`,
      );
    }
  },
});
