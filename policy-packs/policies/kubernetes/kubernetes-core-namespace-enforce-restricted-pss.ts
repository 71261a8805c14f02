import { resourcePolicy } from "../../lib/define";
import { get, rec, str } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { isPatchToken, NAMESPACE_TOKENS } from "../../lib/kubernetes/types";

export const ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

export default resourcePolicy({
  name: "kubernetes-core-namespace-enforce-restricted-pss",
  description:
    "Namespaces must carry the label pod-security.kubernetes.io/enforce=restricted, so that the cluster's Pod Security Admission rejects any pod that breaks the restricted Pod Security Standard, including pods created outside the stack (by operators, Helm charts or kubectl).",
  severity: "high",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce: restricted (and audit and warn at restricted too), and make its workloads meet the restricted standard.",
  controls: { nist: ["CM-7", "AC-6", "CM-6"], cis: cisKubernetes("5.2.1") },
  concern: "workload-security",
  resourceTypes: NAMESPACE_TOKENS,
  check(resource, report) {
    const labels = get(resource.props, "metadata.labels");
    const level = str(rec(labels)[ENFORCE_LABEL]);
    if (level === "restricted") {
      return;
    }
    if (level !== undefined) {
      report(`namespace label ${ENFORCE_LABEL} is "${level}", not "restricted"`);
    } else if (!isPatchToken(resource.type)) {
      report(
        `namespace has no ${ENFORCE_LABEL} label, so Pod Security Admission does not enforce the restricted standard`,
      );
    }
  },
});
