import { resourcePolicy } from "../../lib/define";
import { shown } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { bool, get } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-storage-bucket-enable-versioning",
  description:
    "Cloud Storage buckets must keep object versions, so that an overwritten or deleted object (by mistake, by a faulty job or by ransomware) can be restored.",
  severity: "medium",
  remediation:
    "Set versioning.enabled to true, and add a lifecycle rule that deletes noncurrent versions after the retention period you need.",
  controls: { nist: ["CP-9", "CP-10"] },
  concern: "data-protection",
  resourceTypes: [GCP.bucket],
  check({ props }, report) {
    const value = get(props, "versioning.enabled");
    if (bool(value) !== true) {
      report(
        `versioning.enabled is ${shown(value)}, so overwritten or deleted objects cannot be restored. Set it to true.`,
      );
    }
  },
});
