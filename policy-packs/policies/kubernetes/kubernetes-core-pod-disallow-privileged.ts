import { bool } from "../../lib/props";
import { cisKubernetes, offenders } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/** Pod Security Standards, baseline "Privileged Containers". */
export default podPolicy({
  name: "kubernetes-core-pod-disallow-privileged",
  description:
    "Containers must not run privileged (securityContext.privileged=true). A privileged container has every capability and every device of the node and can take the node over.",
  severity: "critical",
  remediation:
    "Remove securityContext.privileged from every container, init container and ephemeral container (or set it to false); grant only the specific capability the process needs, within the baseline set.",
  controls: { nist: ["AC-6", "CM-7", "SC-39"], cis: cisKubernetes("5.2.2") },
  concern: "workload-security",
  check(pod, report) {
    const bad = pod.containers.filter((c) => bool(c.securityContext.privileged) === true);
    if (bad.length > 0) {
      report(`securityContext.privileged=true is set on ${offenders(false, bad)}`);
    }
  },
});
