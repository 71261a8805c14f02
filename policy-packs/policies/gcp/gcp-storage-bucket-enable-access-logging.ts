import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { GCP } from "../../lib/gcp/types";
import { arr, get, rec, str, type Props } from "../../lib/props";
import { forEachKnown, ofTypes, tryRead, UNKNOWN } from "../../lib/stack";

interface Config {
  readonly exemptLogBuckets: boolean;
}

const bucketKey = (value: string) =>
  value
    .trim()
    .replace(/^gs:\/\//, "")
    .replace(/\/+$/, "");
const logTarget = (bucket: PolicyResource) =>
  (str(get(bucket.props, "logging.logBucket")) ?? "").trim();

/** Data Access audit logs (DATA_READ and DATA_WRITE) for Cloud Storage, which record every object access. */
function auditsStorageDataAccess(props: Props): boolean {
  const service = str(props.service)?.trim();
  if (service !== "storage.googleapis.com" && service !== "allServices") {
    return false;
  }
  const types = new Set(
    arr(props.auditLogConfigs).map((c) => str(rec(c).logType)?.trim().toUpperCase()),
  );
  return types.has("DATA_READ") && types.has("DATA_WRITE");
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
    const sinkUrns = new Set<string>();
    const sinkNames = new Set<string>();
    let unknownSink = false; // a bucket logs to a target not known yet (preview): any bucket may be it
    for (const bucket of buckets) {
      (bucket.propertyDependencies?.["logging"] ?? []).forEach((d) => sinkUrns.add(d.urn));
      const target = tryRead(() => logTarget(bucket));
      if (target === UNKNOWN) {
        unknownSink = true;
      } else if (target !== "") {
        sinkNames.add(bucketKey(target));
      }
    }
    forEachKnown(buckets, (bucket) => {
      if (logTarget(bucket) !== "") {
        return;
      }
      if (config.exemptLogBuckets !== false) {
        if (unknownSink) {
          return;
        }
        const names = [bucket.props.name, bucket.props.id].filter(
          (v): v is string => typeof v === "string",
        );
        if (sinkUrns.has(bucket.urn) || names.some((n) => sinkNames.has(bucketKey(n)))) {
          return;
        }
      }
      report(
        `Bucket "${bucket.name}" has no logging.logBucket and the stack has no Data Access audit logs for Cloud Storage, so object reads and writes are not recorded. Set logging.logBucket to a log bucket.`,
        bucket.urn,
      );
    });
  },
});
