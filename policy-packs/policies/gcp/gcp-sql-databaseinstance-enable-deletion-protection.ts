import { resourcePolicy } from "../../lib/define";
import { shown } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { bool, get } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-sql-databaseinstance-enable-deletion-protection",
  description:
    "Cloud SQL instances must be protected from deletion twice: by the provider (deletionProtection, which makes Pulumi refuse to delete or replace the instance) and by Cloud SQL itself (settings.deletionProtectionEnabled, which also stops deletion from the console, gcloud and the API). Deleting an instance deletes its automated backups with it.",
  severity: "high",
  remediation:
    "Leave deletionProtection unset or true, set settings.deletionProtectionEnabled to true, and set the Pulumi resource option protect: true.",
  controls: { nist: ["CM-3", "CP-10"] },
  concern: "data-protection",
  resourceTypes: [GCP.sqlInstance],
  check({ props }, report) {
    if (bool(props.deletionProtection) === false) {
      report(
        "deletionProtection is false, so a delete or replacement destroys the instance and its backups. Set it to true.",
      );
    }
    const api = get(props, "settings.deletionProtectionEnabled");
    if (bool(api) !== true) {
      report(
        `settings.deletionProtectionEnabled is ${shown(api)}, so the instance can be deleted from the console, gcloud or the API. Set it to true.`,
      );
    }
  },
});
