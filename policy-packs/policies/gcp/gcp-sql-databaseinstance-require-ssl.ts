import { resourcePolicy } from "../../lib/define";
import { cisGcp, shown } from "../../lib/gcp/describe";
import { IP_CONFIGURATION } from "../../lib/gcp/sql";
import { GCP } from "../../lib/gcp/types";
import { get, str } from "../../lib/props";

const ENCRYPTED = ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"];

export default resourcePolicy({
  name: "gcp-sql-databaseinstance-require-ssl",
  description:
    "Cloud SQL instances must refuse unencrypted connections. Otherwise a client that is misconfigured, or downgraded by an attacker on the path, sends credentials and tenant data in clear text.",
  severity: "high",
  remediation: `Set settings.ipConfiguration.sslMode to "ENCRYPTED_ONLY", or to "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" when every client presents a Cloud SQL client certificate (the Cloud SQL Auth Proxy and connectors do).`,
  controls: { nist: ["SC-8", "SC-8(1)"], cis: cisGcp("6.4") },
  concern: "encryption",
  resourceTypes: [GCP.sqlInstance],
  check({ props }, report) {
    const mode = get(props, `${IP_CONFIGURATION}.sslMode`);
    if (!ENCRYPTED.includes(str(mode)?.trim().toUpperCase() ?? "")) {
      report(
        `${IP_CONFIGURATION}.sslMode is ${shown(mode)}, so the instance accepts unencrypted connections. Set it to "ENCRYPTED_ONLY".`,
      );
    }
  },
});
