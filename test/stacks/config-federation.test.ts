import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { ConfigError, isConfigSecret, parseStackConfig, type RawConfig } from "../../stacks/config";
import { resolveLayerSettings } from "../../stacks/config/app-settings";
import { DIFFGRAM_IMAGES } from "../helpers/app-layer";
import { LDAP, OIDC_BROKER, SAML_BROKER, TEST_CERT_PEM } from "../helpers/federation";

const GOOD: RawConfig = {
  "enclave:cloud": "aws",
  "enclave:environment": "dev",
  "enclave:tenant": "acme",
  "enclave:isolation": "dedicated",
  "enclave:domain": "annotate.acme.example.com",
  "enclave:allowlist": JSON.stringify({ admin: ["198.51.100.0/24"], users: ["203.0.113.0/24"] }),
  "aws:region": "eu-west-1",
};
const SECRET_KEYS = ["enclave:brokerClientSecret", "enclave:ldapBindCredential"];
const OIDC_SECRET = { "enclave:brokerClientSecret": "upstream-client-secret" };
const LDAP_SECRET = { "enclave:ldapBindCredential": "bind-password" };

function raw(federation: unknown, extra: Record<string, string> = {}): RawConfig {
  return {
    ...GOOD,
    "enclave:app": JSON.stringify({ images: DIFFGRAM_IMAGES, keycloak: { federation } }),
    ...extra,
  };
}

function problems(config: RawConfig, secretKeys: readonly string[] = SECRET_KEYS): string[] {
  try {
    parseStackConfig(config, { project: "enclave", stack: "acme-dev", secretKeys });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
}

const F = "enclave:app.keycloak.federation";

describe("enclave:app.keycloak.federation: valid", () => {
  it.each<[string, RawConfig]>([
    ["an OIDC broker with its secret", raw({ broker: OIDC_BROKER }, OIDC_SECRET)],
    ["a SAML broker (no secret: the realm signs with its own key)", raw({ broker: SAML_BROKER })],
    ["LDAP / AD with its bind password", raw({ ldap: LDAP }, LDAP_SECRET)],
    [
      "a broker, LDAP and a corporate CA together",
      raw(
        { broker: OIDC_BROKER, ldap: LDAP, caBundle: TEST_CERT_PEM },
        {
          ...OIDC_SECRET,
          ...LDAP_SECRET,
        },
      ),
    ],
  ])("accepts %s", (_label, config) => {
    expect(problems(config)).toEqual([]);
  });

  it("applies the secure defaults of the optional fields", () => {
    const config = parseStackConfig(raw({ broker: SAML_BROKER, ldap: LDAP }, LDAP_SECRET), {
      project: "enclave",
      stack: "acme-dev",
      secretKeys: SECRET_KEYS,
    });
    const settings = resolveLayerSettings(config.app, config).settings!;
    expect(settings.keycloak.federation).toMatchObject({
      broker: { kind: "saml", displayName: "Corporate sign-in", nameIdFormat: "persistent" },
      ldap: {
        usernameAttribute: "sAMAccountName",
        userObjectClasses: ["person", "organizationalPerson", "user"],
        searchScope: "subtree",
        editMode: "READ_ONLY",
        fullSyncPeriodSeconds: -1,
        changedSyncPeriodSeconds: -1,
      },
    });
    // The SAML certificate reaches Keycloak as its base64 DER body, without PEM armour.
    const cert = (
      settings.keycloak.federation!.broker as { signingCertificates: readonly string[] }
    ).signingCertificates;
    expect(cert).toHaveLength(1);
    expect(cert[0]).toMatch(/^MII[A-Za-z0-9+/=]+$/);
    expect(pulumi.Output.isInstance(settings.federationCredentials?.ldapBindCredential)).toBe(true);
  });
});

describe("enclave:app.keycloak.federation: every problem with key, value and fix", () => {
  it.each<[string, RawConfig, string[]]>([
    [
      "plain ldap://",
      raw({ ldap: { ...LDAP, url: "ldap://dc1.corp.example.com" } }, LDAP_SECRET),
      [
        `${F}.ldap.url = "ldap://dc1.corp.example.com": is plain LDAP: bind passwords and users' passwords would cross the network unencrypted (StartTLS is not offered). Fix: use ldaps://<host>:636.`,
      ],
    ],
    [
      "a URL that is not LDAP at all",
      raw({ ldap: { ...LDAP, url: "https://dc1.corp.example.com" } }, LDAP_SECRET),
      [
        `${F}.ldap.url = "https://dc1.corp.example.com": is not an ldaps URL. Fix: write ldaps://<host>[:port], e.g. ldaps://dc1.corp.example.com:636 (several separated by spaces).`,
      ],
    ],
    [
      "an http:// IdP endpoint",
      raw(
        { broker: { ...OIDC_BROKER, tokenUrl: "http://login.corp.example.com/token" } },
        OIDC_SECRET,
      ),
      [
        `${F}.broker.tokenUrl = "http://login.corp.example.com/token": is plain http: tokens, assertions and keys would cross the network unprotected. Fix: use the upstream's https URL, e.g. https://login.example.com/oauth2/token.`,
      ],
    ],
    [
      "an http:// SAML SSO URL",
      raw({ broker: { ...SAML_BROKER, singleSignOnServiceUrl: "http://sso.corp.example.com/x" } }),
      [
        `${F}.broker.singleSignOnServiceUrl = "http://sso.corp.example.com/x": is plain http: tokens, assertions and keys would cross the network unprotected. Fix: use the upstream's https URL, e.g. https://sso.example.com/saml2/sso.`,
      ],
    ],
    [
      "a bad URL",
      raw({ broker: { ...OIDC_BROKER, jwksUrl: "login.corp.example.com/keys" } }, OIDC_SECRET),
      [
        `${F}.broker.jwksUrl = "login.corp.example.com/keys": is not an https URL. Fix: write the JWKS URL as https://<host>[:port]/<path>, e.g. https://login.example.com/discovery/keys.`,
      ],
    ],
    [
      "egress to the whole internet",
      raw(
        { broker: { ...OIDC_BROKER, network: { cidrs: ["0.0.0.0/0"], port: 443 } } },
        OIDC_SECRET,
      ),
      [
        `${F}.broker.network.cidrs[0] = "0.0.0.0/0": admits the whole internet. Fix: list the identity provider's own address blocks (e.g. its load balancer's /28); Keycloak gets egress to these only.`,
      ],
    ],
    [
      "no egress address for the directory",
      raw({ ldap: { ...LDAP, network: { cidrs: [], port: 636 } } }, LDAP_SECRET),
      [
        `${F}.ldap.network.cidrs = []: is empty. Fix: list the directory's address blocks, e.g. ["192.0.2.0/28"]; Keycloak cannot reach it otherwise.`,
      ],
    ],
    [
      "a WRITABLE directory",
      raw({ ldap: { ...LDAP, editMode: "WRITABLE" } }, LDAP_SECRET),
      [
        `${F}.ldap.editMode = "WRITABLE": is not a read-only edit mode. Fix: write READ_ONLY (the default) or UNSYNCED (changes kept in Keycloak only); WRITABLE is not offered.`,
      ],
    ],
    [
      "an unknown field",
      raw({ ldap: { ...LDAP, connectionPooling: true } }, LDAP_SECRET),
      [
        `${F}.ldap = ["connectionPooling"]: has unknown field connectionPooling. Fix: use only url, vendor, bindDn, usersDn, usernameAttribute, userObjectClasses, userFilter, searchScope, editMode, fullSyncPeriodSeconds, changedSyncPeriodSeconds, network.`,
      ],
    ],
    [
      "an unknown kind of broker",
      raw({ broker: { kind: "ws-fed" } }),
      [
        `${F}.broker.kind = "ws-fed": is not an identity provider. Fix: write { kind: oidc, ... } or { kind: saml, ... } (docs/app-layer.md, Corporate identity).`,
      ],
    ],
    [
      "a SAML certificate that does not parse",
      raw({
        broker: {
          ...SAML_BROKER,
          signingCertificates: "-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----",
        },
      }),
      [
        `${F}.broker.signingCertificates = "-----BEGIN CERTIFICATE-----\\nabc\\n-----END CERTIFICATE-----": has a certificate (number 1) that does not parse. Fix: paste the upstream's signing certificate exactly as exported, PEM encoded.`,
      ],
    ],
    [
      "a CA bundle without a certificate",
      raw({ ldap: LDAP, caBundle: "not a certificate" }, LDAP_SECRET),
      [
        `${F}.caBundle = "not a certificate": holds no PEM certificate. Fix: paste the corporate CA bundle as PEM, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.`,
      ],
    ],
  ])("refuses %s", (_label, config, expected) => {
    expect(problems(config)).toEqual(expected);
  });
});

describe("the federation secrets: Pulumi secrets only, and only with their upstream", () => {
  it("refuses a secret given in plain text, without printing it", () => {
    const found = problems(raw({ broker: OIDC_BROKER }, OIDC_SECRET), []);
    expect(found).toEqual([
      'enclave:brokerClientSecret = "[not shown: set in plain text]": is stored in plain text in the stack file, where anyone who reads the repository reads it. Fix: set it as a secret: `pulumi config set --secret enclave:brokerClientSecret <value>` (it is then encrypted with the stack\'s key), and rotate the value that was in plain text.',
    ]);
    expect(found.join("\n")).not.toContain("upstream-client-secret");
  });

  it.each<[string, RawConfig, string[]]>([
    [
      "an OIDC broker without its client secret",
      raw({ broker: OIDC_BROKER }),
      [
        "enclave:brokerClientSecret = (not set): is required by an OIDC broker (enclave:app.keycloak.federation.broker with kind oidc). Fix: set it as a secret: `pulumi config set --secret enclave:brokerClientSecret <value>` (the client secret the upstream identity provider issued for this realm).",
      ],
    ],
    [
      "LDAP without its bind password",
      raw({ ldap: LDAP }),
      [
        "enclave:ldapBindCredential = (not set): is required by LDAP federation (enclave:app.keycloak.federation.ldap). Fix: set it as a secret: `pulumi config set --secret enclave:ldapBindCredential <value>` (the password of the bind account named in ldap.bindDn).",
      ],
    ],
    [
      "a bind password with no LDAP federation",
      raw({ broker: SAML_BROKER }, LDAP_SECRET),
      [
        'enclave:ldapBindCredential = "[not shown]": is set, but LDAP federation (enclave:app.keycloak.federation.ldap) is not configured. Fix: remove it (`pulumi config rm enclave:ldapBindCredential`), or configure LDAP federation (enclave:app.keycloak.federation.ldap).',
      ],
    ],
  ])("refuses %s", (_label, config, expected) => {
    expect(problems(config)).toEqual(expected);
  });

  it("reads which keys are secret from the Pulumi runtime the CLI and the reviewer both fill", () => {
    pulumi.runtime.setAllConfig({ "enclave:ldapBindCredential": "x", "enclave:tenant": "acme" }, [
      "enclave:ldapBindCredential",
    ]);
    expect(isConfigSecret("enclave:ldapBindCredential")).toBe(true);
    expect(isConfigSecret("enclave:tenant")).toBe(false);
    pulumi.runtime.setAllConfig({}, []);
  });
});

describe("Keycloak's events follow the stack's audit retention", () => {
  const app = { images: DIFFGRAM_IMAGES };
  const ctx = { tenant: "acme", environment: "dev" as const };

  it("default to it where the target keeps audit logs (AWS), to 90 days elsewhere", () => {
    expect(
      resolveLayerSettings(app, { ...ctx, auditRetentionDays: 365 }).settings!.keycloak
        .eventsRetentionDays,
    ).toBe(365);
    expect(resolveLayerSettings(app, ctx).settings!.keycloak.eventsRetentionDays).toBe(90);
  });

  it("refuse a shorter retention, naming both keys", () => {
    const { problems: found } = resolveLayerSettings(
      { ...app, keycloak: { eventsRetentionDays: 90 } },
      { ...ctx, auditRetentionDays: 365 },
    );
    expect(found).toEqual([
      {
        key: "enclave:app.keycloak.eventsRetentionDays",
        value: 90,
        problem:
          "is shorter than the stack's audit retention (365 days, enclave:aws.logRetentionDays): logins and realm changes would be gone while the trail still shows their effects",
        fix: "remove it (Keycloak's events then follow the audit retention) or set it to 365 or more",
      },
    ]);
  });
});
