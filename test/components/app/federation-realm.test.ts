import { describe, expect, it } from "vitest";
import {
  FEDERATION_ENV,
  FEDERATION_FLOW_ALIASES,
  type FederationSettings,
} from "../../../components/app/keycloak/federation";
import { tenantRealm, type RealmSettings } from "../../../components/app/keycloak/realm";
import { federationSettings } from "../../../stacks/config/federation-settings";
import { LDAP, OIDC_BROKER, SAML_BROKER } from "../../helpers/federation";
import type { FederationConfig } from "../../../stacks/config/federation";

const BASE: RealmSettings = {
  realm: "acme",
  domain: "annotate.acme.example.com",
  clientId: "diffgram",
  clientSecret: "generated-client-secret",
  accessTokenLifespanSeconds: 300,
  ssoSessionIdleSeconds: 1800,
  ssoSessionMaxSeconds: 36000,
  eventsRetentionDays: 90,
  passwordMinLength: 14,
  requirePkce: true,
  otp: "all",
};

const settings = (f: unknown): FederationSettings => federationSettings(f as FederationConfig);
const realmWith = (f: unknown) => tenantRealm({ ...BASE, federation: settings(f) });

describe("the tenant realm without federation", () => {
  it("has no identity provider, no user storage and no broker flows", () => {
    const realm = tenantRealm(BASE);
    expect(realm.identityProviders).toBeUndefined();
    expect(realm.components).toBeUndefined();
    expect(realm.authenticationFlows.map((f) => f.alias)).not.toContain(
      FEDERATION_FLOW_ALIASES.firstBrokerLogin,
    );
  });
});

describe("an OIDC broker in the tenant realm", () => {
  const realm = realmWith({ broker: OIDC_BROKER });
  const idp = realm.identityProviders![0]!;

  it("never trusts the upstream's e-mail, never links, and runs the kit's broker flows", () => {
    expect(idp).toMatchObject({
      alias: "corp-sso",
      providerId: "oidc",
      enabled: true,
      trustEmail: false,
      linkOnly: false,
      storeToken: false,
      firstBrokerLoginFlowAlias: FEDERATION_FLOW_ALIASES.firstBrokerLogin,
      postBrokerLoginFlowAlias: FEDERATION_FLOW_ALIASES.postBrokerLogin,
    });
  });

  it("validates signatures against the upstream's JWKS, with PKCE, endpoints as configured", () => {
    expect(idp.config).toMatchObject({
      issuer: OIDC_BROKER.issuer,
      authorizationUrl: OIDC_BROKER.authorizationUrl,
      tokenUrl: OIDC_BROKER.tokenUrl,
      jwksUrl: OIDC_BROKER.jwksUrl,
      userInfoUrl: OIDC_BROKER.userInfoUrl,
      validateSignature: "true",
      useJwksUrl: "true",
      pkceEnabled: "true",
      pkceMethod: "S256",
      clientId: "enclave-acme",
      clientAuthMethod: "client_secret_post",
      defaultScope: "openid email profile",
    });
  });

  it("holds a placeholder, never the client secret", () => {
    expect(idp.config!["clientSecret"]).toBe(`\${${FEDERATION_ENV.brokerClientSecret}}`);
  });

  it("creates a brokered user only if unique (REQUIRED: a duplicate stops, never links), then OTP", () => {
    const flows = new Map(realm.authenticationFlows.map((f) => [f.alias, f]));
    const first = flows.get(FEDERATION_FLOW_ALIASES.firstBrokerLogin)!;
    expect(first.authenticationExecutions.map((e) => [e.authenticator, e.requirement])).toEqual([
      ["idp-review-profile", "REQUIRED"],
      ["idp-create-user-if-unique", "REQUIRED"],
    ]);
    const linking = ["idp-confirm-link", "idp-auto-link", "idp-email-verification"];
    for (const f of realm.authenticationFlows) {
      for (const e of f.authenticationExecutions) {
        expect(linking).not.toContain(e.authenticator);
      }
    }
    const post = flows.get(FEDERATION_FLOW_ALIASES.postBrokerLogin)!;
    expect(post.authenticationExecutions.map((e) => [e.authenticator, e.requirement])).toEqual([
      ["auth-otp-form", "REQUIRED"],
    ]);
    expect(realm.authenticatorConfig).toContainEqual({
      alias: "enclave-review-profile",
      config: { "update.profile.on.first.login": "missing" },
    });
  });
});

describe("a SAML broker in the tenant realm", () => {
  const idp = realmWith({ broker: SAML_BROKER }).identityProviders![0]!;

  it("requires signed assertions, validates them with the configured certificate, signs requests", () => {
    expect(idp).toMatchObject({ providerId: "saml", trustEmail: false });
    expect(idp.config).toMatchObject({
      idpEntityId: SAML_BROKER.idpEntityId,
      singleSignOnServiceUrl: SAML_BROKER.singleSignOnServiceUrl,
      wantAssertionsSigned: "true",
      validateSignature: "true",
      wantAuthnRequestsSigned: "true",
      postBindingResponse: "true",
      nameIDPolicyFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
    });
    const cert = idp.config!["signingCertificate"] as string;
    expect(cert).toMatch(/^MII[A-Za-z0-9+/=]+$/);
    expect(SAML_BROKER.signingCertificates.replace(/\s+/g, "")).toContain(cert);
  });
});

describe("LDAP / Active Directory federation in the tenant realm", () => {
  const realm = realmWith({ ldap: LDAP });
  const providers = realm.components!["org.keycloak.storage.UserStorageProvider"]!;
  const ldap = providers[0]!;
  const config = Object.fromEntries(Object.entries(ldap.config).map(([k, v]) => [k, v.join(",")]));

  it("is LDAPS only through Keycloak's truststore, pooling off, read-only, sync off", () => {
    expect(providers).toHaveLength(1);
    expect(ldap.providerId).toBe("ldap");
    expect(config).toMatchObject({
      connectionUrl: "ldaps://dc1.corp.example.com:636",
      startTls: "false",
      useTruststoreSpi: "always",
      connectionPooling: "false",
      editMode: "READ_ONLY",
      syncRegistrations: "false",
      fullSyncPeriod: "-1",
      changedSyncPeriod: "-1",
      cachePolicy: "DEFAULT",
      trustEmail: "false",
      allowKerberosAuthentication: "false",
      vendor: "ad",
      usernameLDAPAttribute: "sAMAccountName",
      uuidLDAPAttribute: "objectGUID",
      bindDn: LDAP.bindDn,
      usersDn: LDAP.usersDn,
    });
  });

  it("holds a placeholder, never the bind password", () => {
    expect(config["bindCredential"]).toBe(`\${${FEDERATION_ENV.ldapBindCredential}}`);
  });

  it("lists its mappers (an import creates no defaults), each read-only", () => {
    const mappers = ldap.subComponents["org.keycloak.storage.ldap.mappers.LDAPStorageMapper"]!;
    expect(mappers.map((m) => m.name)).toEqual([
      "username",
      "first name",
      "last name",
      "email",
      "MSAD account controls",
    ]);
    for (const m of mappers.filter((x) => x.providerId === "user-attribute-ldap-mapper")) {
      expect(m.config["read.only"]).toEqual(["true"]);
    }
  });

  it("on other directories: RFC 4519 attributes, no AD mapper", () => {
    const other = realmWith({ ldap: { ...LDAP, vendor: "other" } }).components![
      "org.keycloak.storage.UserStorageProvider"
    ]![0]!;
    expect(other.config["uuidLDAPAttribute"]).toEqual(["entryUUID"]);
    expect(other.config["usernameLDAPAttribute"]).toEqual(["uid"]);
    expect(
      other.subComponents["org.keycloak.storage.ldap.mappers.LDAPStorageMapper"]!.map(
        (m) => m.providerId,
      ),
    ).not.toContain("msad-user-account-control-mapper");
  });
});

describe("events of the tenant realm", () => {
  it("stores login and admin events with details for the configured retention", () => {
    const realm = tenantRealm({ ...BASE, eventsRetentionDays: 365 });
    expect(realm).toMatchObject({
      eventsEnabled: true,
      eventsExpiration: 365 * 86400,
      adminEventsEnabled: true,
      adminEventsDetailsEnabled: true,
      attributes: { adminEventsExpiration: String(365 * 86400) },
    });
  });
});
