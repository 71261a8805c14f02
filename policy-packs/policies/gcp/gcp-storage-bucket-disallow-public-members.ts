import { resourcePolicy } from "../../lib/define";
import { cisGcp } from "../../lib/gcp/describe";
import { iamGrants, isPublicPrincipal, publicMembers } from "../../lib/gcp/iam";
import { GCP } from "../../lib/gcp/types";
import { str, strings, type Props } from "../../lib/props";

const IAM_TYPES: string[] = [GCP.bucketIamMember, GCP.bucketIamBinding, GCP.bucketIamPolicy];
const ACL_TYPES = [
  GCP.bucketAcl,
  GCP.bucketAccessControl,
  GCP.defaultObjectAcl,
  GCP.defaultObjectAccessControl,
  GCP.objectAcl,
  GCP.objectAccessControl,
];
/** Canned ACLs that grant access to allUsers or allAuthenticatedUsers. */
const PUBLIC_CANNED_ACLS = ["publicread", "publicreadwrite", "authenticatedread"];

/** Public grants made through ACLs: canned ACLs, `ROLE:entity` lists and single entities. */
function publicAclGrants(props: Props): string[] {
  const found: string[] = [];
  for (const key of ["predefinedAcl", "defaultAcl"]) {
    const acl = str(props[key]);
    if (acl !== undefined && PUBLIC_CANNED_ACLS.includes(acl.trim().toLowerCase())) {
      found.push(`${key} ${JSON.stringify(acl)}`);
    }
  }
  for (const entry of strings(props.roleEntities)) {
    const entity = entry.slice(entry.indexOf(":") + 1);
    if (isPublicPrincipal(entity)) {
      found.push(`roleEntities ${JSON.stringify(entry)}`);
    }
  }
  const entity = str(props.entity);
  if (entity !== undefined && isPublicPrincipal(entity)) {
    found.push(`entity ${JSON.stringify(entity)}`);
  }
  return found;
}

export default resourcePolicy({
  name: "gcp-storage-bucket-disallow-public-members",
  description:
    "Cloud Storage IAM grants and ACLs must not name allUsers or allAuthenticatedUsers. Either principal makes the bucket or its objects readable (or writable) by anyone on the internet, or by anyone with any Google account.",
  severity: "critical",
  remediation:
    "Grant bucket roles to specific service accounts, groups or users; remove allUsers and allAuthenticatedUsers from bucket IAM members, bindings and policies and from ACLs; enforce public access prevention on the bucket.",
  controls: { nist: ["AC-3", "AC-6"], cis: cisGcp("5.1") },
  concern: "network-exposure",
  resourceTypes: [...IAM_TYPES, ...ACL_TYPES],
  check({ type, props }, report) {
    if (IAM_TYPES.includes(type)) {
      for (const grant of iamGrants(props)) {
        const open = publicMembers(grant);
        if (open.length > 0) {
          report(
            `${grant.where} grants ${grant.role ?? "a role"} to ${open.join(", ")}, which makes the bucket public. Grant it to specific principals.`,
          );
        }
      }
      return;
    }
    const open = publicAclGrants(props);
    if (open.length > 0) {
      report(
        `The ACL is public (${open.join(", ")}). Remove the public entries and use uniform bucket-level access.`,
      );
    }
  },
});
