import { resourcePolicy } from "../../lib/define";
import { cisGke } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { bool } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-cluster-disallow-legacy-abac",
  description:
    "GKE clusters must not enable the legacy ABAC authorizer. ABAC grants static, cluster-wide permissions to identities, including service accounts, nodes and controllers, beyond what RBAC and IAM allow, and cannot be audited like RBAC.",
  severity: "high",
  remediation:
    "Remove enableLegacyAbac or set it to false, and express access with RBAC Roles and RoleBindings.",
  controls: { nist: ["AC-3", "AC-6"], cis: cisGke("5.8.3") },
  concern: "least-privilege",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    if (bool(props.enableLegacyAbac) === true) {
      report(
        "enableLegacyAbac is true, so the legacy ABAC authorizer grants permissions beyond RBAC and IAM. Set it to false.",
      );
    }
  },
});
