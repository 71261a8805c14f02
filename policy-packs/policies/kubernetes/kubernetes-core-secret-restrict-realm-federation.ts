import { resourcePolicy } from "../../lib/define";
import { realmsIn } from "../../lib/kubernetes/keycloak";
import {
  identityProviderFindings,
  userStorageFindings,
} from "../../lib/kubernetes/keycloak-federation";
import { CONFIG_MAP_TOKENS, SECRET_TOKENS } from "../../lib/kubernetes/types";

export default resourcePolicy({
  name: "kubernetes-core-secret-restrict-realm-federation",
  description:
    "A Keycloak realm imported from a Secret or ConfigMap that brokers an upstream identity provider or federates LDAP / Active Directory must not hand accounts to whoever controls an e-mail address or the network: identity providers must not trust the upstream's e-mail, must not link existing accounts automatically at first login, must validate signatures (OIDC JWKS; SAML signed assertions) and must require a second factor after every brokered login; LDAP must use ldaps://, Keycloak's truststore and a non-WRITABLE edit mode.",
  severity: "high",
  remediation:
    "Set trustEmail false; use a first-broker-login flow without idp-auto-link (enclave's creates the user only if unique, REQUIRED); set validateSignature true (and useJwksUrl, or wantAssertionsSigned true for SAML); bind a postBrokerLoginFlowAlias whose flow requires auth-otp-form; write ldaps:// URLs with useTruststoreSpi always and editMode READ_ONLY. In enclave, use enclave:app.keycloak.federation, which fixes all of these.",
  controls: { nist: ["IA-2(1)", "IA-5(2)", "IA-8", "SC-8", "SC-23", "AC-2"] },
  concern: "least-privilege",
  resourceTypes: [...SECRET_TOKENS, ...CONFIG_MAP_TOKENS],
  check(resource, report) {
    const isSecret = resource.type.endsWith(":Secret");
    for (const { key, realm } of realmsIn(resource.props, isSecret)) {
      for (const finding of [...identityProviderFindings(realm), ...userStorageFindings(realm)]) {
        report(`realm "${String(realm["realm"])}" (${key}): ${finding}`);
      }
    }
  },
});
