import { resourcePolicy } from "../../lib/define";
import { GCP } from "../../lib/gcp/types";
import { str } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-sql-databaseinstance-encrypt-with-cmek",
  description:
    "Cloud SQL instances must encrypt their disks and backups with a customer-managed Cloud KMS key. The key stays under the tenant's or operator's control: disabling it makes the data unreadable, and every use of it is audited.",
  severity: "high",
  remediation:
    "Set encryptionKeyName to a Cloud KMS crypto key in the instance's region and grant the Cloud SQL service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on it (CMEK can only be chosen when the instance is created).",
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"] },
  concern: "encryption",
  resourceTypes: [GCP.sqlInstance],
  check({ props }, report) {
    if ((str(props.encryptionKeyName) ?? "").trim() === "") {
      report(
        "encryptionKeyName is not set, so the instance's data is encrypted with a Google-managed key. Set it to a Cloud KMS crypto key id.",
      );
    }
  },
});
