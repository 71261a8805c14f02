import { describe, expect, it } from "vitest";
import { tenantRealm, type RealmSettings } from "../../../components/app/keycloak/realm";
import { federationSettings } from "../../../stacks/config/federation-settings";
import type { FederationConfig } from "../../../stacks/config/federation";
import { resourcePolicyNamed } from "../../helpers/kubernetes-policy";
import { runResourcePolicy } from "../../helpers/policy";
import { UNKNOWN } from "../../helpers/unknowns";
import { LDAP, OIDC_BROKER, SAML_BROKER } from "../../helpers/federation";

const SECRET = "kubernetes:core/v1:Secret";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

const SETTINGS: RealmSettings = {
  realm: "acme",
  domain: "annotate.example.com",
  clientId: "diffgram",
  clientSecret: "generated",
  accessTokenLifespanSeconds: 300,
  ssoSessionIdleSeconds: 1800,
  ssoSessionMaxSeconds: 36000,
  eventsRetentionDays: 90,
  passwordMinLength: 14,
  requirePkce: true,
  otp: "all",
};

/** The kit's realm with an OIDC broker and AD, as the layer's Secret carries it. */
function kitRealm(broker: unknown = OIDC_BROKER): Record<string, any> {
  return JSON.parse(
    JSON.stringify(
      tenantRealm({
        ...SETTINGS,
        federation: federationSettings({ broker, ldap: LDAP } as unknown as FederationConfig),
      }),
    ),
  );
}
const secret = (realm: Record<string, any>) => ({
  metadata: { name: "keycloak-realm", namespace: "enclave-acme" },
  type: "Opaque",
  stringData: { "acme.json": JSON.stringify(realm) },
});

describe("kubernetes-core-secret-restrict-realm-federation", () => {
  const policy = resourcePolicyNamed("kubernetes-core-secret-restrict-realm-federation");
  const run = (realm: Record<string, any>, type = SECRET) =>
    runResourcePolicy(policy, { type, props: secret(realm) }).violations;
  const P = 'realm "acme" (acme.json): ';

  it("passes the kit's realms (OIDC broker + AD, SAML broker, no federation)", () => {
    expect(run(kitRealm())).toEqual([]);
    expect(run(kitRealm(SAML_BROKER))).toEqual([]);
    expect(run(JSON.parse(JSON.stringify(tenantRealm(SETTINGS))))).toEqual([]);
  });

  it("flags an identity provider that trusts the upstream's e-mail", () => {
    const realm = kitRealm();
    realm.identityProviders[0].trustEmail = true;
    expect(run(realm)).toEqual([
      `${P}identity provider "corp-sso" trusts the upstream's e-mail (trustEmail: true): an upstream account with someone's address is treated as verified`,
    ]);
  });

  it("flags automatic linking at first broker login, also inside a subflow", () => {
    const realm = kitRealm();
    const first = realm.authenticationFlows.find(
      (f: any) => f.alias === "enclave first broker login",
    );
    first.authenticationExecutions[1] = {
      ...first.authenticationExecutions[1],
      authenticator: "idp-auto-link",
    };
    expect(run(realm)).toEqual([
      `${P}identity provider "corp-sso"'s first-login flow "enclave first broker login" links existing accounts automatically (idp-auto-link)`,
    ]);
  });

  it("flags a brokered login without a second factor", () => {
    const realm = kitRealm();
    delete realm.identityProviders[0].postBrokerLoginFlowAlias;
    expect(run(realm)).toEqual([
      `${P}identity provider "corp-sso" has no post-login flow that requires a second factor: a brokered user logs in with the upstream's password alone`,
    ]);
  });

  it("flags an OIDC provider without signature validation", () => {
    const realm = kitRealm();
    realm.identityProviders[0].config.validateSignature = "false";
    expect(run(realm)).toEqual([
      `${P}identity provider "corp-sso" does not validate the upstream's token signatures (validateSignature)`,
    ]);
  });

  it("flags a SAML provider that accepts unsigned assertions", () => {
    const realm = kitRealm(SAML_BROKER);
    realm.identityProviders[0].config.wantAssertionsSigned = "false";
    expect(run(realm)).toEqual([
      `${P}identity provider "corp-saml" accepts SAML assertions without checked signatures (wantAssertionsSigned is not true)`,
    ]);
  });

  it("flags LDAP over ldap://", () => {
    const realm = kitRealm();
    realm.components["org.keycloak.storage.UserStorageProvider"][0].config.connectionUrl = [
      "ldap://dc1.corp.example.com",
    ];
    expect(run(realm, CONFIG_MAP)).toEqual([
      `${P}user federation "corporate-directory" connects over plain LDAP (ldap://dc1.corp.example.com): bind and users' passwords cross the network unencrypted`,
    ]);
  });

  it("flags a WRITABLE directory", () => {
    const realm = kitRealm();
    realm.components["org.keycloak.storage.UserStorageProvider"][0].config.editMode = "WRITABLE";
    expect(run(realm)).toEqual([
      `${P}user federation "corporate-directory" is WRITABLE: Keycloak's administrators and users change the directory`,
    ]);
  });

  it("flags a directory outside Keycloak's truststore", () => {
    const realm = kitRealm();
    realm.components["org.keycloak.storage.UserStorageProvider"][0].config.useTruststoreSpi = [
      "never",
    ];
    expect(run(realm)).toEqual([
      `${P}user federation "corporate-directory" does not use Keycloak's truststore (useTruststoreSpi: never)`,
    ]);
  });

  it("stays quiet on unknown or partial realms", () => {
    expect(
      runResourcePolicy(policy, { type: SECRET, props: { stringData: { "acme.json": UNKNOWN } } })
        .violations,
    ).toEqual([]);
    expect(
      run({ realm: "acme", clients: [], identityProviders: [null, {}], components: { x: 1 } }),
    ).toEqual([
      `${P}identity provider "?" has no post-login flow that requires a second factor: a brokered user logs in with the upstream's password alone`,
    ]);
  });
});

describe("kubernetes-core-secret-require-realm-events", () => {
  const policy = resourcePolicyNamed("kubernetes-core-secret-require-realm-events");
  const run = (realm: Record<string, any>) =>
    runResourcePolicy(policy, { type: SECRET, props: secret(realm) }).violations;

  it("passes the kit's realm (login and admin events, with details)", () =>
    expect(run(kitRealm())).toEqual([]));

  it.each(["eventsEnabled", "adminEventsEnabled", "adminEventsDetailsEnabled"])(
    "flags %s off",
    (key) => {
      const realm = kitRealm();
      realm[key] = false;
      expect(run(realm)).toEqual([
        `realm "acme" does not record ${key}: logins and administrators' changes leave no trace in Keycloak (acme.json)`,
      ]);
    },
  );

  it("flags a realm that leaves events at Keycloak's default (off)", () => {
    expect(run({ realm: "acme", clients: [] })).toEqual([
      `realm "acme" does not record eventsEnabled, adminEventsEnabled, adminEventsDetailsEnabled: logins and administrators' changes leave no trace in Keycloak (acme.json)`,
    ]);
  });
});
