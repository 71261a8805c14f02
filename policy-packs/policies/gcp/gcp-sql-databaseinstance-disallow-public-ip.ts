import { resourcePolicy } from "../../lib/define";
import { INTERNET_RULE, internetProblems } from "../../lib/cidr";
import { cisGcp, shown } from "../../lib/gcp/describe";
import { IP_CONFIGURATION, hasPublicIp } from "../../lib/gcp/sql";
import { GCP } from "../../lib/gcp/types";
import { arr, get, rec, str } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-sql-databaseinstance-disallow-public-ip",
  description: `Cloud SQL instances must have no public IP address and must not authorize the whole internet, in one range or in pieces (${INTERNET_RULE}). A public address exposes the database's login to password guessing and to any flaw in the engine; private IP through the VPC (or Private Service Connect) keeps it off the internet.`,
  severity: "critical",
  remediation:
    "Set settings.ipConfiguration.ipv4Enabled to false and settings.ipConfiguration.privateNetwork to the VPC (with a private services access connection); remove any authorizedNetworks entry that covers the internet (a very short prefix, or entries that add up to it).",
  controls: { nist: ["SC-7", "AC-4"], cis: cisGcp("6.5", "6.6") },
  concern: "network-exposure",
  resourceTypes: [GCP.sqlInstance],
  check({ props }, report) {
    if (hasPublicIp(props)) {
      const value = get(props, `${IP_CONFIGURATION}.ipv4Enabled`);
      report(
        `${IP_CONFIGURATION}.ipv4Enabled is ${shown(value)}${value === undefined ? " (the default is true)" : ""}, so the instance gets a public IP address. Set it to false and use privateNetwork.`,
      );
    }
    const networks = arr(get(props, `${IP_CONFIGURATION}.authorizedNetworks`)).map((n) =>
      str(rec(n).value),
    );
    for (const problem of internetProblems(`${IP_CONFIGURATION}.authorizedNetworks`, networks)) {
      report(`${problem}. Remove the entry.`);
    }
  },
});
