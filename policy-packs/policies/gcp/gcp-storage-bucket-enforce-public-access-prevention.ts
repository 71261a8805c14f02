import { resourcePolicy } from "../../lib/define";
import { cisGcp, shown } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { str } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-storage-bucket-enforce-public-access-prevention",
  description:
    'Cloud Storage buckets must enforce public access prevention. With it, no IAM grant or ACL can make the bucket or its objects readable by allUsers or allAuthenticatedUsers; the provider\'s default, "inherited", relies on an organization policy that may not exist.',
  severity: "critical",
  remediation: 'Set publicAccessPrevention to "enforced".',
  controls: { nist: ["AC-3", "SC-7"], cis: cisGcp("5.1") },
  concern: "network-exposure",
  resourceTypes: [GCP.bucket],
  check({ props }, report) {
    const value = props.publicAccessPrevention;
    if (str(value)?.trim().toLowerCase() !== "enforced") {
      report(
        `publicAccessPrevention is ${shown(value)}, so an IAM grant or ACL can make the bucket public. Set it to "enforced".`,
      );
    }
  },
});
