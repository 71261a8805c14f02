import { resourcePolicy } from "../../lib/define";
import { GCP } from "../../lib/gcp/types";
import { bool } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-storage-bucket-disallow-force-destroy",
  description:
    "Cloud Storage buckets must not set forceDestroy. Without it, the provider refuses to delete a bucket that still holds objects; with it, deleting or replacing the bucket silently deletes every object in it.",
  severity: "high",
  remediation:
    "Remove forceDestroy or set it to false, and set the Pulumi resource option protect: true.",
  controls: { nist: ["CM-3", "CP-10"] },
  concern: "data-protection",
  resourceTypes: [GCP.bucket],
  check({ props }, report) {
    if (bool(props.forceDestroy) === true) {
      report(
        "forceDestroy is true, so deleting or replacing the bucket deletes every object in it. Set it to false.",
      );
    }
  },
});
