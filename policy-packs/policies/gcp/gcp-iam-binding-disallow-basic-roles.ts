import { resourcePolicy } from "../../lib/define";
import { iamGrants } from "../../lib/gcp/iam";
import { HIERARCHY_IAM_TYPES } from "../../lib/gcp/types";

const BASIC_ROLES = ["roles/owner", "roles/editor", "roles/viewer"];

export default resourcePolicy({
  name: "gcp-iam-binding-disallow-basic-roles",
  description:
    "Projects, folders and organizations must not grant the basic roles Owner, Editor or Viewer. Each holds thousands of permissions across every Google Cloud service, far beyond what any person or workload of the kit needs, and Viewer alone reads every bucket listing, database setting and secret's metadata.",
  severity: "high",
  remediation:
    "Replace each basic role with predefined roles scoped to the task (e.g. roles/container.developer, roles/cloudsql.client, roles/storage.objectViewer), granted on the narrowest resource that works.",
  controls: { nist: ["AC-6", "AC-6(5)"] },
  concern: "least-privilege",
  resourceTypes: Object.keys(HIERARCHY_IAM_TYPES),
  check({ type, props }, report) {
    const level = HIERARCHY_IAM_TYPES[type] ?? "project";
    for (const grant of iamGrants(props)) {
      const role = grant.role?.trim();
      if (role !== undefined && BASIC_ROLES.includes(role) && grant.members.length > 0) {
        report(
          `${grant.where} grants the basic role ${role} at ${level} level to ${grant.members.join(", ")}. Grant predefined roles scoped to the task instead.`,
        );
      }
    }
  },
});
