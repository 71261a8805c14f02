import { bool } from "../../lib/props";
import { cisKubernetes, offenders } from "../../lib/kubernetes/describe";
import { isWindowsPod } from "../../lib/kubernetes/pod";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

export default podPolicy({
  name: "kubernetes-core-pod-require-readonly-root-filesystem",
  description:
    "Every container, init container and ephemeral container must set securityContext.readOnlyRootFilesystem=true (Windows pods, which cannot set it, are exempt). A writable root file system lets a compromised process replace the image's binaries and libraries, plant tools and persist until the container is recreated.",
  severity: "medium",
  remediation:
    "Set securityContext.readOnlyRootFilesystem: true on every container, and mount an emptyDir volume (with a sizeLimit) at each path the process writes to, such as /tmp or a cache directory.",
  controls: { nist: ["SI-7", "CM-7"], cis: cisKubernetes("5.7.3") },
  concern: "workload-security",
  check(pod, report) {
    if (isWindowsPod(pod)) {
      return;
    }
    const bad = pod.containers.filter((c) => {
      const value = bool(c.securityContext.readOnlyRootFilesystem);
      return pod.patch ? value === false : value !== true;
    });
    if (bad.length > 0) {
      report(`securityContext.readOnlyRootFilesystem is not true on ${offenders(false, bad)}`);
    }
  },
});
