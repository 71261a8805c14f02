import { resourcePolicy } from "../../lib/define";
import { cisGke, shown } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { get, str } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-cluster-enable-secrets-encryption",
  description:
    "GKE clusters must encrypt Kubernetes Secrets in etcd with a customer-managed Cloud KMS key (application-layer secrets encryption). Without it, Secrets are protected only by Google's default storage encryption, and revoking the key cannot cut access to them.",
  severity: "high",
  remediation:
    'Set databaseEncryption to { state: "ENCRYPTED", keyName: <Cloud KMS crypto key id in the cluster\'s region> } and grant the GKE service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on that key.',
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"], cis: cisGke("5.3.1") },
  concern: "encryption",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    const state = get(props, "databaseEncryption.state");
    if (str(state) !== "ENCRYPTED") {
      report(
        `databaseEncryption.state is ${shown(state)}, so Kubernetes Secrets are stored without application-layer encryption. Set it to "ENCRYPTED" with a Cloud KMS keyName.`,
      );
      return;
    }
    if ((str(get(props, "databaseEncryption.keyName")) ?? "").trim() === "") {
      report(
        "databaseEncryption.keyName is not set, so there is no Cloud KMS key to encrypt Kubernetes Secrets with. Set it to a crypto key id.",
      );
    }
  },
});
