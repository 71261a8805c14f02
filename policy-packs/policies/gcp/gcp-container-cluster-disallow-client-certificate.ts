import { resourcePolicy } from "../../lib/define";
import { cisGke } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { bool, get } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-cluster-disallow-client-certificate",
  description:
    "GKE clusters must not issue a client certificate. The certificate is a long-lived credential that cannot be revoked short of rotating the cluster's credentials, it is stored in the Pulumi state, and it bypasses IAM.",
  severity: "medium",
  remediation:
    "Remove masterAuth.clientCertificateConfig or set issueClientCertificate to false; authenticate with IAM (gke-gcloud-auth-plugin) instead.",
  controls: { nist: ["IA-2", "IA-5"], cis: cisGke("5.8.1") },
  concern: "least-privilege",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    if (bool(get(props, "masterAuth.clientCertificateConfig.issueClientCertificate")) === true) {
      report(
        "masterAuth.clientCertificateConfig.issueClientCertificate is true, so GKE issues a long-lived client certificate that bypasses IAM. Set it to false.",
      );
    }
  },
});
