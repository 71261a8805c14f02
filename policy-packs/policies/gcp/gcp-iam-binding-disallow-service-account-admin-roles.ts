import { resourcePolicy } from "../../lib/define";
import { cisGcp } from "../../lib/gcp/describe";
import { iamGrants } from "../../lib/gcp/iam";
import { HIERARCHY_IAM_TYPES } from "../../lib/gcp/types";

const SERVICE_ACCOUNT = /^serviceaccount:/i;

/** Predefined and custom administrator roles: `roles/storage.admin`, `roles/iam.securityAdmin`, ... */
const isAdminRole = (role: string) => /admin/i.test(role.replace(/^.*roles\//, ""));

export default resourcePolicy({
  name: "gcp-iam-binding-disallow-service-account-admin-roles",
  description:
    "Service accounts must not hold administrator roles (any role whose name contains Admin, such as roles/iam.securityAdmin, roles/resourcemanager.projectIamAdmin, roles/container.admin or roles/storage.admin) on a project, folder or organization. A service account's credentials live in workloads, pipelines and metadata servers; granted an admin role, one leaked token or compromised pod can reconfigure or take over the whole scope. Basic roles are the subject of gcp-iam-binding-disallow-basic-roles.",
  severity: "high",
  remediation:
    "Grant the service account the narrow predefined roles its task needs, on the individual resources it touches (a bucket, a key, a repository), and keep administrator roles for people, granted just in time.",
  controls: { nist: ["AC-6", "AC-6(5)", "AC-2"], cis: cisGcp("1.5") },
  concern: "least-privilege",
  resourceTypes: Object.keys(HIERARCHY_IAM_TYPES),
  check({ type, props }, report) {
    const level = HIERARCHY_IAM_TYPES[type] ?? "project";
    for (const grant of iamGrants(props)) {
      const role = grant.role?.trim();
      const accounts = grant.members.map((m) => m.trim()).filter((m) => SERVICE_ACCOUNT.test(m));
      if (role !== undefined && isAdminRole(role) && accounts.length > 0) {
        report(
          `${grant.where} grants the administrator role ${role} at ${level} level to the service account(s) ${accounts.join(", ")}. Grant narrow roles on the resources the account uses instead.`,
        );
      }
    }
  },
});
