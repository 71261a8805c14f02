import { stackPolicy } from "../../lib/define";
import { GCP } from "../../lib/gcp/types";
import { auditsStorageDataAccess, logSinks, logTarget } from "../../lib/gcp/storage";
import { forEachKnown, ofTypes, tryRead } from "../../lib/stack";

interface Config {
  readonly exemptLogBuckets: boolean;
}

export default stackPolicy<Config>({
  name: "gcp-storage-bucket-enable-access-logging",
  description:
    "Reads and writes of Cloud Storage objects must be recorded, either by the bucket's usage and storage logs or by Data Access audit logs for Cloud Storage in the same stack, so that access to tenant data can be investigated. Buckets that receive other buckets' logs are exempt by default.",
  severity: "medium",
  remediation:
    'Set logging.logBucket on each bucket to a dedicated log bucket (with its own retention), or add a gcp.projects.IAMAuditConfig for service "storage.googleapis.com" with DATA_READ and DATA_WRITE audit log configs.',
  controls: { nist: ["AU-2", "AU-3", "AU-12"] },
  concern: "data-protection",
  resourceTypes: [GCP.bucket],
  configSchema: {
    properties: {
      exemptLogBuckets: {
        type: "boolean",
        default: true,
        description: "Do not require logging on buckets that receive another bucket's usage logs.",
      },
    },
  },
  check(resources, report, config) {
    const buckets = ofTypes(resources, [GCP.bucket]);
    const audited = ofTypes(resources, [GCP.projectIamAuditConfig]).some(
      (a) => tryRead(() => auditsStorageDataAccess(a.props)) === true,
    );
    if (buckets.length === 0 || audited) {
      return;
    }
    const sinks = logSinks(buckets);
    forEachKnown(buckets, (bucket) => {
      if (logTarget(bucket) !== "") {
        return;
      }
      if (config.exemptLogBuckets !== false && (sinks.unknown || sinks.isSink(bucket))) {
        return;
      }
      report(
        `Bucket "${bucket.name}" has no logging.logBucket and the stack has no Data Access audit logs for Cloud Storage, so object reads and writes are not recorded. Set logging.logBucket to a log bucket.`,
        bucket.urn,
      );
    });
  },
});
