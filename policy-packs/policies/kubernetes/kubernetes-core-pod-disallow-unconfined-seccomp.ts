import { cisKubernetes } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";
import { seccompSetters } from "../../lib/kubernetes/seccomp";

/** Pod Security Standards, baseline "Seccomp": a profile, where set, is RuntimeDefault or Localhost. */
export default podPolicy({
  name: "kubernetes-core-pod-disallow-unconfined-seccomp",
  description:
    "Pods must not set a seccomp profile other than RuntimeDefault or Localhost, on the pod or on any container; in particular not Unconfined. Without a seccomp filter a compromised process can call every kernel system call, including the ones used to escape containers.",
  severity: "medium",
  remediation:
    "Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile installed on the nodes) wherever it is set to Unconfined, on the pod and on every container.",
  controls: { nist: ["CM-7", "SC-39"], cis: cisKubernetes("5.7.2") },
  concern: "workload-security",
  check(pod, report) {
    const { explicitlyBad } = seccompSetters(pod);
    if (explicitlyBad.length > 0) {
      report(
        `securityContext.seccompProfile.type is not RuntimeDefault or Localhost on ${explicitlyBad.join(", ")}`,
      );
    }
  },
});
