import { resourcePolicy } from "../../lib/define";
import { cisGcp } from "../../lib/gcp/describe";
import { iamGrants } from "../../lib/gcp/iam";
import { HIERARCHY_IAM_TYPES } from "../../lib/gcp/types";

const IMPERSONATION_ROLES = [
  "roles/iam.serviceAccountUser",
  "roles/iam.serviceAccountTokenCreator",
];

export default resourcePolicy({
  name: "gcp-iam-binding-disallow-service-account-impersonation",
  description:
    "Service Account User and Service Account Token Creator must not be granted on a whole project, folder or organization. Granted there, they let the member act as every service account below it, including the most privileged ones, which defeats least privilege for every workload.",
  severity: "high",
  remediation:
    "Grant roles/iam.serviceAccountUser or roles/iam.serviceAccountTokenCreator on the individual service accounts that need to be impersonated (gcp.serviceaccount.IAMMember), never on the project, folder or organization.",
  controls: { nist: ["AC-6", "AC-3"], cis: cisGcp("1.6") },
  concern: "least-privilege",
  resourceTypes: Object.keys(HIERARCHY_IAM_TYPES),
  check({ type, props }, report) {
    const level = HIERARCHY_IAM_TYPES[type] ?? "project";
    for (const grant of iamGrants(props)) {
      const role = grant.role?.trim();
      if (role !== undefined && IMPERSONATION_ROLES.includes(role) && grant.members.length > 0) {
        report(
          `${grant.where} grants ${role} at ${level} level to ${grant.members.join(", ")}, who can then act as every service account in the ${level}. Grant it on the individual service accounts instead.`,
        );
      }
    }
  },
});
