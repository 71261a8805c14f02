import { bool } from "../../lib/props";
import { cisKubernetes, offenders } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/** Pod Security Standards, restricted "Running as Non-root". */
export default podPolicy({
  name: "kubernetes-core-pod-require-run-as-non-root",
  description:
    "Pods must run as non-root: securityContext.runAsNonRoot=true on the pod (containers may then leave it unset) or on every container, and never runAsNonRoot=false. A process running as root in a container is one kernel flaw away from root on the node.",
  severity: "high",
  remediation:
    "Set spec.securityContext.runAsNonRoot: true on the pod (and a non-zero runAsUser if the image does not declare a numeric non-root USER), and remove runAsNonRoot: false from every container.",
  controls: { nist: ["AC-6", "AC-6(2)"], cis: cisKubernetes("5.2.7") },
  concern: "workload-security",
  check(pod, report) {
    const podValue = bool(pod.securityContext.runAsNonRoot);
    const explicit = pod.containers.filter((c) => bool(c.securityContext.runAsNonRoot) === false);
    if (podValue === false || explicit.length > 0) {
      report(
        `securityContext.runAsNonRoot=false is set on ${offenders(podValue === false, explicit)}`,
      );
    }
    if (pod.patch || podValue === true) {
      return;
    }
    const implicit = pod.containers.filter(
      (c) => bool(c.securityContext.runAsNonRoot) === undefined,
    );
    if (implicit.length > 0) {
      report(
        `securityContext.runAsNonRoot=true is set neither on the pod nor on ${offenders(false, implicit)}`,
      );
    }
  },
});
