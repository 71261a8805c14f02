import { cisKubernetes, offenders } from "../../lib/kubernetes/describe";
import { isWindowsPod } from "../../lib/kubernetes/pod";
import { podPolicy } from "../../lib/kubernetes/pod-policy";
import { seccompSetters } from "../../lib/kubernetes/seccomp";

/** Pod Security Standards, restricted "Seccomp": a profile is required, RuntimeDefault or Localhost. */
export default podPolicy({
  name: "kubernetes-core-pod-require-seccomp-profile",
  description:
    "Every container must run under a seccomp profile of type RuntimeDefault or Localhost, set on the pod or on the container (Windows pods are exempt). Both the Unconfined profile and the absence of a profile leave every kernel system call open to a compromised process.",
  severity: "medium",
  remediation:
    "Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a profile installed on the nodes), and remove any Unconfined profile from the containers.",
  controls: { nist: ["CM-7", "SC-39"], cis: cisKubernetes("5.7.2") },
  concern: "workload-security",
  check(pod, report) {
    if (isWindowsPod(pod)) {
      return;
    }
    const { explicitlyBad, unconfined } = seccompSetters(pod);
    if (explicitlyBad.length > 0) {
      report(
        `securityContext.seccompProfile.type is not RuntimeDefault or Localhost on ${explicitlyBad.join(", ")}`,
      );
    }
    if (!pod.patch && unconfined.length > 0) {
      report(
        `securityContext.seccompProfile.type is set neither on the pod nor on ${offenders(false, unconfined)}`,
      );
    }
  },
});
