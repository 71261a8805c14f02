import { resourcePolicy } from "../../lib/define";
import { realmsIn } from "../../lib/kubernetes/keycloak";
import { eventFindings } from "../../lib/kubernetes/keycloak-federation";
import { CONFIG_MAP_TOKENS, SECRET_TOKENS } from "../../lib/kubernetes/types";

export default resourcePolicy({
  name: "kubernetes-core-secret-require-realm-events",
  description:
    "A Keycloak realm imported from a Secret or ConfigMap must store login events and admin events with their representation (who changed which user, client or identity provider, and to what): without them a login from a stolen account or an administrator's change to the realm leaves no trace. Keycloak's default is off.",
  severity: "medium",
  remediation:
    "Set eventsEnabled, adminEventsEnabled and adminEventsDetailsEnabled to true in the realm, with eventsExpiration (and attributes.adminEventsExpiration) as long as the audit retention; enclave's realm does (enclave:app.keycloak.eventsRetentionDays).",
  controls: { nist: ["AU-2", "AU-3", "AU-12"] },
  concern: "least-privilege",
  resourceTypes: [...SECRET_TOKENS, ...CONFIG_MAP_TOKENS],
  check(resource, report) {
    const isSecret = resource.type.endsWith(":Secret");
    for (const { key, realm } of realmsIn(resource.props, isSecret)) {
      for (const finding of eventFindings(realm)) {
        report(`${finding} (${key})`);
      }
    }
  },
});
