import { resourcePolicy } from "../../lib/define";
import { GCP } from "../../lib/gcp/types";
import { get, str } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-storage-bucket-encrypt-with-cmek",
  description:
    "Cloud Storage buckets must encrypt new objects with a customer-managed Cloud KMS key by default. The key stays under the tenant's or operator's control: disabling it makes the objects unreadable, and every use of it is audited.",
  severity: "high",
  remediation:
    "Set encryption.defaultKmsKeyName to a Cloud KMS crypto key in the bucket's location and grant the Cloud Storage service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on it.",
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"] },
  concern: "encryption",
  resourceTypes: [GCP.bucket],
  check({ props }, report) {
    if ((str(get(props, "encryption.defaultKmsKeyName")) ?? "").trim() === "") {
      report(
        "encryption.defaultKmsKeyName is not set, so objects are encrypted with a Google-managed key. Set it to a Cloud KMS crypto key id.",
      );
    }
  },
});
