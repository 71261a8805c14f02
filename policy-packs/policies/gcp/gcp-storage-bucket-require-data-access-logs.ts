import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { cisGcp } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { logSinks, storageAudit, type StorageAudit } from "../../lib/gcp/storage";
import { str } from "../../lib/props";
import { forEachKnown, ofTypes, tryRead, UNKNOWN } from "../../lib/stack";

const AUDIT_TYPES = [
  GCP.projectIamAuditConfig,
  GCP.folderIamAuditConfig,
  GCP.organizationIamAuditConfig,
];

/** An audit config of the stack and the project it is set on (undefined above a project). */
interface Audit {
  readonly resource: PolicyResource;
  readonly project?: string;
  readonly storage: StorageAudit;
}

export default stackPolicy({
  name: "gcp-storage-bucket-require-data-access-logs",
  description:
    "Every Cloud Storage bucket of the stack that holds data (no other bucket sends it logs) must be covered by Data Access audit logs for Cloud Storage, reads and writes, set by the stack on the bucket's project (or a folder or organization above it), with no exempted member. Usage logs give the caller's address but not a verified identity; only the audit log says which principal read or overwrote which object.",
  severity: "high",
  remediation:
    'Add a gcp.projects.IAMAuditConfig { service: "storage.googleapis.com", auditLogConfigs: [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }] } on the bucket\'s project, with no exemptedMembers. An audit config the stack does not own (set on the organization) is not visible here: waive with where it is set.',
  controls: { nist: ["AU-2", "AU-3", "AU-12"], cis: cisGcp("2.1") },
  concern: "data-protection",
  resourceTypes: [GCP.bucket, ...AUDIT_TYPES],
  check(resources, report) {
    const audits: Audit[] = [];
    for (const resource of ofTypes(resources, AUDIT_TYPES)) {
      const read = tryRead(() => ({
        storage: storageAudit(resource.props),
        project: resource.type === GCP.projectIamAuditConfig ? str(resource.props.project) : "",
      }));
      if (read === UNKNOWN || read.project === undefined) {
        return; // an audit config still being computed could cover any bucket
      }
      if (read.storage !== undefined) {
        audits.push({ resource, storage: read.storage, project: read.project || undefined });
      }
    }
    for (const audit of audits) {
      const exempted = [...new Set(audit.storage.exempted)];
      if (exempted.length > 0) {
        report(
          `Audit config "${audit.resource.name}" exempts ${exempted.join(", ")} from Cloud Storage's Data Access audit logs, so their object reads and writes are not recorded. Remove exemptedMembers.`,
          audit.resource.urn,
        );
      }
    }
    const buckets = ofTypes(resources, [GCP.bucket]);
    const sinks = logSinks(buckets);
    if (sinks.unknown) {
      return; // any bucket may be the one receiving the logs
    }
    forEachKnown(buckets, (bucket) => {
      if (sinks.isSink(bucket)) {
        return;
      }
      const project = str(bucket.props.project);
      // GCP unions the log types of every config that covers the service (allServices included).
      const types = new Set<string>();
      for (const audit of audits) {
        if (audit.project === undefined || project === undefined || audit.project === project) {
          audit.storage.logTypes.forEach((t) => types.add(t));
        }
      }
      const missing = ["DATA_READ", "DATA_WRITE"].filter((t) => !types.has(t));
      if (missing.length > 0) {
        report(
          `Bucket "${bucket.name}" holds data but the stack sets no ${missing.join(" or ")} Data Access audit log for Cloud Storage on its project, so nobody can say which principal ${missing.length === 2 ? "read or wrote" : missing[0] === "DATA_READ" ? "read" : "wrote"} which object. Add a gcp.projects.IAMAuditConfig for storage.googleapis.com with DATA_READ and DATA_WRITE.`,
          bucket.urn,
        );
      }
    });
  },
});
