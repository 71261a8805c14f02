import { FEDERATION_DEFAULTS } from "../../components/app/defaults";
import type { FederationSettings, SamlBroker } from "../../components/app/keycloak/federation";
import type { FederationConfig } from "./federation";

const PEM_BODY = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g;

/** PEM certificates -> their base64 DER bodies (what Keycloak's SAML signingCertificate holds). */
export function pemBodies(pem: string): string[] {
  return [...pem.matchAll(PEM_BODY)].map((m) => m[1]!.replace(/\s+/g, ""));
}

/** enclave:app.keycloak.federation -> the realm generator's settings, defaults applied. */
export function federationSettings(f: FederationConfig): FederationSettings {
  const d = FEDERATION_DEFAULTS;
  const broker = f.broker;
  return {
    ...(broker?.kind === "oidc"
      ? {
          broker: {
            ...broker,
            displayName: broker.displayName ?? d.displayName,
            scopes: broker.scopes ?? d.oidcScopes,
          },
        }
      : {}),
    ...(broker?.kind === "saml"
      ? {
          broker: {
            ...broker,
            displayName: broker.displayName ?? d.displayName,
            signingCertificates: pemBodies(broker.signingCertificates),
            nameIdFormat: broker.nameIdFormat ?? d.samlNameIdFormat,
          } satisfies SamlBroker,
        }
      : {}),
    ...(f.ldap
      ? {
          ldap: {
            ...f.ldap,
            usernameAttribute: f.ldap.usernameAttribute ?? d.ldap[f.ldap.vendor].usernameAttribute,
            userObjectClasses: f.ldap.userObjectClasses ?? d.ldap[f.ldap.vendor].userObjectClasses,
            searchScope: f.ldap.searchScope ?? d.ldapSearchScope,
            editMode: f.ldap.editMode ?? d.ldapEditMode,
            fullSyncPeriodSeconds: f.ldap.fullSyncPeriodSeconds ?? d.syncPeriodSeconds,
            changedSyncPeriodSeconds: f.ldap.changedSyncPeriodSeconds ?? d.syncPeriodSeconds,
          },
        }
      : {}),
    ...(f.caBundle ? { caBundle: f.caBundle } : {}),
  };
}
