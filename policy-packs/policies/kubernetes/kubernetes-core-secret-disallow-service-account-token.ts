import { get, rec, str } from "../../lib/props";
import { cisKubernetes } from "../../lib/kubernetes/describe";
import { resourcePolicy } from "../../lib/define";
import { SECRET_TOKENS } from "../../lib/kubernetes/types";

const TOKEN_TYPE = "kubernetes.io/service-account-token";
const ACCOUNT_ANNOTATION = "kubernetes.io/service-account.name";

export default resourcePolicy({
  name: "kubernetes-core-secret-disallow-service-account-token",
  description:
    "Secrets must not be of type kubernetes.io/service-account-token. The token controller fills such a Secret with a service account token that never expires and stays valid until the Secret is deleted; whoever reads the Secret, or a backup of it, can call the API as the account for as long as it exists.",
  severity: "high",
  remediation:
    "Delete the Secret. A pod that calls the API gets a short-lived token, rotated by the kubelet, from automountServiceAccountToken or a projected serviceAccountToken volume with an expirationSeconds; a client outside the cluster requests one with the TokenRequest API (kubectl create token) or uses its cloud identity.",
  controls: { nist: ["IA-5", "IA-5(1)", "AC-6"], cis: cisKubernetes("5.1.6") },
  concern: "least-privilege",
  resourceTypes: SECRET_TOKENS,
  check(resource, report) {
    if (str(resource.props.type) !== TOKEN_TYPE) {
      return;
    }
    const name = str(rec(get(resource.props, "metadata.annotations"))[ACCOUNT_ANNOTATION]);
    report(
      name !== undefined
        ? `is a long-lived API token of service account "${name}" (type ${TOKEN_TYPE})`
        : `is a long-lived service account API token (type ${TOKEN_TYPE})`,
    );
  },
});
