import { stackPolicy } from "../../lib/define";
import { GCP } from "../../lib/gcp/types";
import { logSinks } from "../../lib/gcp/storage";
import { bool, get, rec, str } from "../../lib/props";
import { forEachKnown, ofTypes } from "../../lib/stack";

interface Config {
  readonly environmentLabelKey: string;
  readonly environments: readonly string[];
}

/** A retention period in seconds, as the provider takes it (a string or a number). */
function seconds(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export default stackPolicy<Config>({
  name: "gcp-storage-bucket-enable-locked-retention",
  description:
    "Every Cloud Storage bucket that holds data (no other bucket sends it logs) in a production environment must have a locked retention policy. Without one, whoever may delete objects (a stolen key, a mistaken script) can destroy or replace training data for good; an unlocked policy can be removed by any project owner first.",
  severity: "high",
  remediation:
    "Give the bucket retentionPolicy { retentionPeriod: <seconds>, isLocked: true } (enclave:gcp.bucketRetention; Cloud Storage refuses Object Versioning on the same bucket). Locking is permanent: the period can be raised, never lowered or removed.",
  controls: { nist: ["CP-9", "CP-10", "SI-7"] },
  concern: "data-protection",
  resourceTypes: [GCP.bucket],
  configSchema: {
    properties: {
      environmentLabelKey: {
        type: "string",
        default: "enclave-environment",
        description: "Label whose value says a bucket's environment.",
      },
      environments: {
        type: "array",
        items: { type: "string" },
        default: ["prod"],
        description:
          "Environments (values of environmentLabelKey) whose data buckets must be locked.",
      },
    },
  },
  check(resources, report, config) {
    const key = typeof config.environmentLabelKey === "string" ? config.environmentLabelKey : "";
    const environments = Array.isArray(config.environments) ? config.environments : [];
    const buckets = ofTypes(resources, [GCP.bucket]);
    const sinks = logSinks(buckets);
    if (sinks.unknown) {
      return; // any bucket may be the one receiving the logs
    }
    forEachKnown(buckets, (bucket) => {
      const environment = str(rec(bucket.props.labels)[key]);
      if (environment === undefined || !environments.includes(environment)) {
        return;
      }
      if (sinks.isSink(bucket)) {
        return;
      }
      const period = seconds(get(bucket.props, "retentionPolicy.retentionPeriod"));
      const locked = bool(get(bucket.props, "retentionPolicy.isLocked")) === true;
      if (period === undefined || period <= 0) {
        report(
          `Bucket "${bucket.name}" holds ${environment} data without a retention policy, so its objects can be deleted or replaced at once. Set retentionPolicy { retentionPeriod, isLocked: true }.`,
          bucket.urn,
        );
      } else if (!locked) {
        report(
          `Bucket "${bucket.name}" holds ${environment} data under an unlocked retention policy, which a project owner can remove before deleting the objects. Set retentionPolicy.isLocked to true.`,
          bucket.urn,
        );
      }
    });
  },
});
