import { resourcePolicy } from "../../lib/define";
import { cisGcp, shown } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { bool } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-storage-bucket-enable-uniform-access",
  description:
    "Cloud Storage buckets must use uniform bucket-level access. Bucket IAM then decides access to every object; with fine-grained ACLs, an object can carry its own grants that bucket IAM does not show and reviews miss.",
  severity: "high",
  remediation: "Set uniformBucketLevelAccess to true and grant access with bucket IAM members.",
  controls: { nist: ["AC-3", "AC-6"], cis: cisGcp("5.2") },
  concern: "least-privilege",
  resourceTypes: [GCP.bucket],
  check({ props }, report) {
    const value = props.uniformBucketLevelAccess;
    if (bool(value) !== true) {
      report(
        `uniformBucketLevelAccess is ${shown(value)}, so object ACLs can grant access that bucket IAM does not show. Set it to true.`,
      );
    }
  },
});
