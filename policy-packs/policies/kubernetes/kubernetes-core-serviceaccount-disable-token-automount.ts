import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { isPatchToken, SERVICE_ACCOUNT_TOKENS } from "../../lib/kubernetes/types";

export default resourcePolicy({
  name: "kubernetes-core-serviceaccount-disable-token-automount",
  description:
    "ServiceAccounts must set automountServiceAccountToken=false. Otherwise every pod running as the account gets an API token mounted, and a compromised process can use it against the Kubernetes API whether or not the workload needs the API.",
  severity: "medium",
  remediation:
    "Set automountServiceAccountToken: false on the ServiceAccount. A pod that does call the Kubernetes API opts in with spec.automountServiceAccountToken: true (or a projected service account token volume) and a Role that lists exactly what it calls.",
  controls: { nist: ["AC-6", "IA-5"], cis: cisKubernetes("5.1.5", "5.1.6") },
  concern: "least-privilege",
  resourceTypes: SERVICE_ACCOUNT_TOKENS,
  check(resource, report) {
    const value = bool(resource.props.automountServiceAccountToken);
    if (value === true) {
      report(
        "automountServiceAccountToken=true mounts an API token into every pod of this service account",
      );
    } else if (value === undefined && !isPatchToken(resource.type)) {
      report(
        "automountServiceAccountToken is not set to false, so every pod of this service account gets an API token",
      );
    }
  },
});
