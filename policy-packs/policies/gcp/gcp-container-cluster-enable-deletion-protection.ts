import { resourcePolicy } from "../../lib/define";
import { GCP } from "../../lib/gcp/types";
import { bool } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-cluster-enable-deletion-protection",
  description:
    "GKE clusters must keep the provider's deletion protection on. Deleting or replacing a cluster destroys its etcd state (Secrets, RBAC, custom resources) and every workload on it; the provider refuses to do so while deletionProtection is true.",
  severity: "medium",
  remediation:
    "Remove deletionProtection or set it to true (the default), and set the Pulumi resource option protect: true as well.",
  controls: { nist: ["CM-3", "CP-10"] },
  concern: "data-protection",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    if (bool(props.deletionProtection) === false) {
      report(
        "deletionProtection is false, so a delete or replacement destroys the cluster and its state. Set it to true.",
      );
    }
  },
});
