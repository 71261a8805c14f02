import { resourcePolicy } from "../../lib/define";
import { cisGcp } from "../../lib/gcp/describe";
import { iamGrants, publicMembers } from "../../lib/gcp/iam";
import { GCP } from "../../lib/gcp/types";

export default resourcePolicy({
  name: "gcp-kms-cryptokey-disallow-public-members",
  description:
    "Cloud KMS crypto keys and key rings must not grant roles to allUsers or allAuthenticatedUsers. A public grant lets anyone use, or manage, the keys that protect tenant data.",
  severity: "critical",
  remediation:
    "Grant key roles (roles/cloudkms.cryptoKeyEncrypterDecrypter and the like) only to the service agents and service accounts that need them; remove allUsers and allAuthenticatedUsers from key and key ring IAM.",
  controls: { nist: ["AC-3", "AC-6", "SC-12"], cis: cisGcp("1.9") },
  concern: "least-privilege",
  resourceTypes: [
    GCP.cryptoKeyIamMember,
    GCP.cryptoKeyIamBinding,
    GCP.cryptoKeyIamPolicy,
    GCP.keyRingIamMember,
    GCP.keyRingIamBinding,
    GCP.keyRingIamPolicy,
  ],
  check({ props }, report) {
    for (const grant of iamGrants(props)) {
      const open = publicMembers(grant);
      if (open.length > 0) {
        report(
          `${grant.where} grants ${grant.role ?? "a role"} to ${open.join(", ")}, which opens the key to everyone. Grant it to specific principals.`,
        );
      }
    }
  },
});
