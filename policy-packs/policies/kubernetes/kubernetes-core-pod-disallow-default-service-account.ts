import { str } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

export default podPolicy({
  name: "kubernetes-core-pod-disallow-default-service-account",
  description:
    "Pods and pod templates must run as a service account of their own: spec.serviceAccountName set, and not \"default\". The namespace's default account is shared by every pod that names none, so any role bound to it (by an operator, a chart, a later stack) reaches all of them, and no pod's API access or cloud identity can be told from another's in audit logs.",
  severity: "medium",
  remediation:
    "Create a ServiceAccount per workload (automountServiceAccountToken: false unless it calls the API) and set spec.serviceAccountName to it in the pod template; bind roles and cloud identities to that account only.",
  controls: { nist: ["AC-2", "AC-6"], cis: cisKubernetes("5.1.5") },
  concern: "least-privilege",
  check(pod, report) {
    // serviceAccount is the deprecated alias the API server still copies into serviceAccountName.
    const account = str(pod.spec.serviceAccountName) ?? str(pod.spec.serviceAccount);
    if (account === "default") {
      report(
        `${pod.kind} runs as the namespace's default service account (serviceAccountName "default")`,
      );
    } else if ((account === undefined || account === "") && !pod.patch) {
      report(
        `${pod.kind} runs as the namespace's default service account: spec.serviceAccountName is not set`,
      );
    }
  },
});
