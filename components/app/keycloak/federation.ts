import type IdentityProviderRepresentation from "@keycloak/keycloak-admin-client/lib/defs/identityProviderRepresentation";

/**
 * Corporate identity in the tenant realm: one upstream identity provider brokered in (OIDC or
 * SAML), and/or LDAP / Active Directory user federation. Typed settings (validated in
 * stacks/config/federation.ts) -> realm-import fragments. Secure settings are fixed here, not
 * configurable:
 * - brokers never trust the upstream's e-mail (`trustEmail: false`), never link an existing account
 *   on first login (the first-broker-login flow creates a user only if none has the same username
 *   or e-mail, and otherwise stops with Keycloak's "account already exists" page), and every
 *   brokered login then passes OTP in the post-broker-login flow (the upstream's own MFA is not
 *   trusted: see docs/app-layer.md, "Corporate identity");
 * - OIDC: signatures validated against the upstream's JWKS, PKCE S256, client secret sent in the
 *   POST body; SAML: signed assertions required and validated with the configured certificates,
 *   AuthnRequests signed;
 * - LDAP: ldaps:// only, Keycloak's truststore always (`useTruststoreSpi: always`), connection
 *   pooling off, READ_ONLY by default, periodic sync off by default, passwords never imported
 *   (Keycloak binds as the user to check one), Kerberos off.
 * Secrets never appear in the realm JSON: it holds `${ENV}` placeholders that Keycloak resolves
 * from its environment at import, filled from the `keycloak-federation` Secret.
 */

/** Where Keycloak reaches the upstream (NetworkPolicy egress). */
export interface UpstreamNetwork {
  readonly cidrs: readonly string[];
  readonly port: number;
}

export interface OidcBroker {
  readonly kind: "oidc";
  readonly alias: string;
  readonly displayName: string;
  readonly issuer: string;
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
  readonly jwksUrl: string;
  readonly userInfoUrl?: string;
  readonly logoutUrl?: string;
  readonly clientId: string;
  readonly scopes: string;
  readonly network: UpstreamNetwork;
}

export interface SamlBroker {
  readonly kind: "saml";
  readonly alias: string;
  readonly displayName: string;
  /** The upstream's entity ID (the issuer of its assertions). */
  readonly idpEntityId: string;
  readonly singleSignOnServiceUrl: string;
  readonly singleLogoutServiceUrl?: string;
  /** The upstream's signing certificates, base64 DER (PEM bodies without headers). */
  readonly signingCertificates: readonly string[];
  readonly nameIdFormat: SamlNameIdFormat;
  /** Back-channel calls (artifact resolution, logout) only; POST binding needs none. */
  readonly network?: UpstreamNetwork;
}

export const SAML_NAME_ID_FORMATS = {
  persistent: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
  email: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  unspecified: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
} as const;
export type SamlNameIdFormat = keyof typeof SAML_NAME_ID_FORMATS;

export type Broker = OidcBroker | SamlBroker;

export const LDAP_VENDORS = ["ad", "other"] as const;
export type LdapVendor = (typeof LDAP_VENDORS)[number];
export const LDAP_EDIT_MODES = ["READ_ONLY", "UNSYNCED"] as const;
export type LdapEditMode = (typeof LDAP_EDIT_MODES)[number];

export interface LdapFederation {
  readonly url: string;
  readonly vendor: LdapVendor;
  readonly bindDn: string;
  readonly usersDn: string;
  readonly usernameAttribute: string;
  readonly userObjectClasses: readonly string[];
  readonly userFilter?: string;
  readonly searchScope: "one" | "subtree";
  readonly editMode: LdapEditMode;
  /** Seconds between full / changed-users syncs; -1 is off (the default). */
  readonly fullSyncPeriodSeconds: number;
  readonly changedSyncPeriodSeconds: number;
  readonly network: UpstreamNetwork;
}

export interface FederationSettings {
  readonly broker?: Broker;
  readonly ldap?: LdapFederation;
  /** PEM bundle of the corporate CA(s) that issued the upstreams' TLS certificates. */
  readonly caBundle?: string;
}

/** Environment variables (from the `keycloak-federation` Secret) the realm import resolves. */
export const FEDERATION_ENV = {
  brokerClientSecret: "ENCLAVE_BROKER_CLIENT_SECRET",
  ldapBindCredential: "ENCLAVE_LDAP_BIND_CREDENTIAL",
} as const;
export const FEDERATION_SECRET = "keycloak-federation";
export const FEDERATION_SECRET_KEYS = {
  brokerClientSecret: "broker-client-secret",
  ldapBindCredential: "ldap-bind-credential",
} as const;

export const placeholder = (env: string) => `\${${env}}`;

export const FEDERATION_FLOW_ALIASES = {
  firstBrokerLogin: "enclave first broker login",
  postBrokerLogin: "enclave post broker login",
} as const;
const REVIEW_PROFILE_CONFIG = "enclave-review-profile";

/** The upstreams Keycloak must reach (its NetworkPolicy egress). */
export function upstreamNetworks(f: FederationSettings | undefined): UpstreamNetwork[] {
  return [f?.broker?.network, f?.ldap?.network].filter((n): n is UpstreamNetwork => !!n);
}

const common = (b: Broker) => ({
  alias: b.alias,
  displayName: b.displayName,
  enabled: true,
  trustEmail: false,
  storeToken: false,
  addReadTokenRoleOnCreate: false,
  linkOnly: false,
  hideOnLogin: false,
  firstBrokerLoginFlowAlias: FEDERATION_FLOW_ALIASES.firstBrokerLogin,
  postBrokerLoginFlowAlias: FEDERATION_FLOW_ALIASES.postBrokerLogin,
});

/** The upstream identity provider as a realm import carries it. */
export function identityProvider(b: Broker): IdentityProviderRepresentation {
  if (b.kind === "oidc") {
    return {
      ...common(b),
      providerId: "oidc",
      config: {
        issuer: b.issuer,
        authorizationUrl: b.authorizationUrl,
        tokenUrl: b.tokenUrl,
        jwksUrl: b.jwksUrl,
        ...(b.userInfoUrl ? { userInfoUrl: b.userInfoUrl } : {}),
        ...(b.logoutUrl ? { logoutUrl: b.logoutUrl, backchannelSupported: "true" } : {}),
        clientId: b.clientId,
        clientSecret: placeholder(FEDERATION_ENV.brokerClientSecret),
        clientAuthMethod: "client_secret_post",
        defaultScope: b.scopes,
        validateSignature: "true",
        useJwksUrl: "true",
        pkceEnabled: "true",
        pkceMethod: "S256",
        syncMode: "FORCE",
        disableUserInfo: b.userInfoUrl ? "false" : "true",
        isAccessTokenJWT: "false",
        acceptsPromptNoneForwardFromClient: "false",
        allowedClockSkew: "30",
      },
    };
  }
  return {
    ...common(b),
    providerId: "saml",
    config: {
      idpEntityId: b.idpEntityId,
      singleSignOnServiceUrl: b.singleSignOnServiceUrl,
      ...(b.singleLogoutServiceUrl ? { singleLogoutServiceUrl: b.singleLogoutServiceUrl } : {}),
      nameIDPolicyFormat: SAML_NAME_ID_FORMATS[b.nameIdFormat],
      principalType: "SUBJECT",
      postBindingResponse: "true",
      postBindingAuthnRequest: "true",
      postBindingLogout: "true",
      wantAuthnRequestsSigned: "true",
      signatureAlgorithm: "RSA_SHA256",
      xmlSigKeyInfoKeyNameTransformer: "KEY_ID",
      wantAssertionsSigned: "true",
      validateSignature: "true",
      signingCertificate: b.signingCertificates.join(","),
      wantAssertionsEncrypted: "false",
      forceAuthn: "false",
      allowCreate: "true",
      syncMode: "FORCE",
      allowedClockSkew: "30",
    },
  };
}

interface Step {
  authenticator: string;
  authenticatorConfig?: string;
  requirement: "REQUIRED";
  priority: number;
}

const required = (authenticator: string, priority: number, config?: string) => ({
  authenticator,
  ...(config ? { authenticatorConfig: config } : {}),
  authenticatorFlow: false,
  autheticatorFlow: false,
  requirement: "REQUIRED" as Step["requirement"],
  priority,
  userSetupAllowed: false,
});

/**
 * First login through the broker: review the profile where attributes are missing, then create the
 * user only if no account has the same username or e-mail (REQUIRED: a duplicate ends the login on
 * Keycloak's error page, it is never linked). After every brokered login: OTP, enrolment forced.
 */
export function brokerFlows() {
  return [
    {
      alias: FEDERATION_FLOW_ALIASES.firstBrokerLogin,
      description:
        "First broker login: create the user only if unique; never link an existing account",
      providerId: "basic-flow" as const,
      topLevel: true,
      builtIn: false as const,
      authenticationExecutions: [
        required("idp-review-profile", 10, REVIEW_PROFILE_CONFIG),
        required("idp-create-user-if-unique", 20),
      ],
    },
    {
      alias: FEDERATION_FLOW_ALIASES.postBrokerLogin,
      description: "After every brokered login: OTP (the upstream's MFA is not trusted)",
      providerId: "basic-flow" as const,
      topLevel: true,
      builtIn: false as const,
      authenticationExecutions: [required("auth-otp-form", 10)],
    },
  ];
}

export const brokerAuthenticatorConfig = () => [
  { alias: REVIEW_PROFILE_CONFIG, config: { "update.profile.on.first.login": "missing" } },
];

/** Attribute names per vendor: Active Directory, or RFC 4519 directories (OpenLDAP, 389 DS). */
const VENDOR = {
  ad: { uuid: "objectGUID", rdn: "cn" },
  other: { uuid: "entryUUID", rdn: "uid" },
} as const;

const one = (v: string) => [v];

function attributeMapper(
  name: string,
  model: string,
  ldap: string,
  mandatory: boolean,
): ExportedComponent {
  return {
    name,
    providerId: "user-attribute-ldap-mapper",
    subComponents: {},
    config: {
      "user.model.attribute": one(model),
      "ldap.attribute": one(ldap),
      "read.only": one("true"),
      "always.read.value.from.ldap": one("true"),
      "is.mandatory.in.ldap": one(String(mandatory)),
      "is.binary.attribute": one("false"),
    },
  };
}

/**
 * A component as a realm export holds it: config values and sub-components are lists (Keycloak's
 * MultivaluedHashMap; the admin client's ComponentExportRepresentation types them as single values).
 */
export interface ExportedComponent {
  readonly name: string;
  readonly providerId: string;
  readonly subComponents: Readonly<Record<string, readonly ExportedComponent[]>>;
  readonly config: Readonly<Record<string, readonly string[]>>;
}

/**
 * The LDAP / AD user-storage provider with its mappers (a realm import does not create Keycloak's
 * default mappers, so they are listed).
 */
export function ldapComponent(l: LdapFederation): ExportedComponent {
  const vendor = VENDOR[l.vendor];
  const mappers = [
    attributeMapper("username", "username", l.usernameAttribute, true),
    attributeMapper("first name", "firstName", "givenName", false),
    attributeMapper("last name", "lastName", "sn", false),
    attributeMapper("email", "email", "mail", false),
    ...(l.vendor === "ad"
      ? [
          {
            name: "MSAD account controls",
            providerId: "msad-user-account-control-mapper",
            subComponents: {},
            config: { "always.read.enabled.value.from.ldap": one("true") },
          },
        ]
      : []),
  ];
  return {
    name: "corporate-directory",
    providerId: "ldap",
    subComponents: { "org.keycloak.storage.ldap.mappers.LDAPStorageMapper": mappers },
    config: {
      enabled: one("true"),
      priority: one("0"),
      vendor: one(l.vendor),
      connectionUrl: one(l.url),
      startTls: one("false"),
      useTruststoreSpi: one("always"),
      connectionPooling: one("false"),
      connectionTimeout: one("10000"),
      readTimeout: one("30000"),
      authType: one("simple"),
      bindDn: one(l.bindDn),
      bindCredential: one(placeholder(FEDERATION_ENV.ldapBindCredential)),
      usersDn: one(l.usersDn),
      usernameLDAPAttribute: one(l.usernameAttribute),
      rdnLDAPAttribute: one(vendor.rdn),
      uuidLDAPAttribute: one(vendor.uuid),
      userObjectClasses: one(l.userObjectClasses.join(", ")),
      ...(l.userFilter ? { customUserSearchFilter: one(l.userFilter) } : {}),
      searchScope: one(l.searchScope === "one" ? "1" : "2"),
      pagination: one("true"),
      editMode: one(l.editMode),
      syncRegistrations: one("false"),
      importEnabled: one("true"),
      trustEmail: one("false"),
      validatePasswordPolicy: one("false"),
      usePasswordModifyExtendedOp: one("false"),
      allowKerberosAuthentication: one("false"),
      useKerberosForPasswordAuthentication: one("false"),
      cachePolicy: one("DEFAULT"),
      batchSizeForSync: one("1000"),
      fullSyncPeriod: one(String(l.fullSyncPeriodSeconds)),
      changedSyncPeriod: one(String(l.changedSyncPeriodSeconds)),
    },
  };
}

/** The realm fields federation adds (none when nothing is configured). */
export function federationRealmFields(f: FederationSettings | undefined) {
  return {
    ...(f?.broker ? { identityProviders: [identityProvider(f.broker)] } : {}),
    ...(f?.ldap
      ? { components: { "org.keycloak.storage.UserStorageProvider": [ldapComponent(f.ldap)] } }
      : {}),
  };
}
