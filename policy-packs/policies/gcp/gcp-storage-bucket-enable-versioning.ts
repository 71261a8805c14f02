import { resourcePolicy } from "../../lib/define";
import { shown } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { bool, get, num } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-storage-bucket-enable-versioning",
  description:
    "Cloud Storage buckets must keep object versions, so that an overwritten or deleted object (by mistake, by a faulty job or by ransomware) can be restored. A bucket with a retention policy (Bucket Lock) passes: Cloud Storage refuses versioning on such a bucket, and the policy already refuses to delete or replace an object before it reaches the retention period.",
  severity: "medium",
  remediation:
    "Set versioning.enabled to true, and add a lifecycle rule that deletes noncurrent versions after the retention period you need; or give the bucket a retention policy (retentionPolicy.retentionPeriod in seconds) instead.",
  controls: { nist: ["CP-9", "CP-10"] },
  concern: "data-protection",
  resourceTypes: [GCP.bucket],
  check({ props }, report) {
    const value = get(props, "versioning.enabled");
    const retentionSeconds = num(get(props, "retentionPolicy.retentionPeriod")) ?? 0;
    if (bool(value) !== true && retentionSeconds <= 0) {
      report(
        `versioning.enabled is ${shown(value)} and the bucket has no retention policy, so overwritten or deleted objects cannot be restored. Set versioning.enabled to true (or set retentionPolicy.retentionPeriod).`,
      );
    }
  },
});
