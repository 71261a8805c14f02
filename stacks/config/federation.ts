import { X509Certificate } from "crypto";
import { z } from "zod";
import {
  LDAP_EDIT_MODES,
  LDAP_VENDORS,
  SAML_NAME_ID_FORMATS,
} from "../../components/app/keycloak/federation";
import { cidrBlock, cidrBlockList } from "./cidr";

/**
 * Schema of `enclave:app.keycloak.federation`: an upstream identity provider brokered into the
 * tenant realm ({ broker }) and/or LDAP / Active Directory user federation ({ ldap }), plus the
 * corporate CA that issued their TLS certificates ({ caBundle }). The secrets are separate
 * secret keys (enclave:brokerClientSecret, enclave:ldapBindCredential; keys.ts). Messages are
 * "<problem>. Fix: <fix>".
 */

const ALIAS = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
/** Characters of a DN or LDAP filter: no quotes, backslash-escapes or control characters. */
const DN = /^[A-Za-z][A-Za-z0-9-]*=[^"\\\n\r]+$/;

const httpsUrl = (what: string, example: string) =>
  z
    .string({ error: `is not a string. Fix: write ${what} as a quoted https URL, e.g. ${example}` })
    .superRefine((value, ctx) => {
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch {
        url = undefined;
      }
      if (url?.protocol === "http:") {
        ctx.addIssue({
          code: "custom",
          message: `is plain http: tokens, assertions and keys would cross the network unprotected. Fix: use the upstream's https URL, e.g. ${example}`,
        });
      } else if (url?.protocol !== "https:" || url.hostname === "" || url.username !== "") {
        ctx.addIssue({
          code: "custom",
          message: `is not an https URL. Fix: write ${what} as https://<host>[:port]/<path>, e.g. ${example}`,
        });
      }
    });

const networkSchema = (what: string, port: number) =>
  z
    .object(
      {
        cidrs: cidrBlockList(
          z
            .array(
              cidrBlock(
                `admits the whole internet. Fix: list the ${what}'s own address blocks (e.g. its load balancer's /28); Keycloak gets egress to these only`,
              ),
              {
                error: `is not a list. Fix: write the ${what}'s address blocks as a YAML list, e.g. ["192.0.2.0/28"]`,
              },
            )
            .min(1, {
              error: `is empty. Fix: list the ${what}'s address blocks, e.g. ["192.0.2.0/28"]; Keycloak cannot reach it otherwise`,
            }),
        ),
        port: z
          .number({ error: `is not a number. Fix: write the ${what}'s TCP port, e.g. ${port}` })
          .int({ error: `is not a whole number. Fix: write the ${what}'s TCP port, e.g. ${port}` })
          .min(1, { error: "is below 1. Fix: use a TCP port from 1 to 65535" })
          .max(65535, { error: "is above 65535. Fix: use a TCP port from 1 to 65535" }),
      },
      {
        error: `is not an object. Fix: write { cidrs: [<CIDR>, ...], port: ${port} }: where Keycloak reaches the ${what}`,
      },
    )
    .strict();

const aliasSchema = z
  .string({ error: "is not a string. Fix: write a short name such as corp-sso" })
  .regex(ALIAS, {
    error:
      "is not an alias. Fix: use 1-40 lower-case letters, digits and inner hyphens, e.g. corp-sso (it appears in the broker's redirect URI)",
  });

const displayName = z
  .string({ error: "is not a string. Fix: write the login button's label" })
  .min(1, { error: "is empty. Fix: write the login button's label, e.g. Corporate sign-in" })
  .max(64, { error: "is longer than 64 characters. Fix: shorten the label" });

const oidcSchema = z
  .object(
    {
      kind: z.literal("oidc"),
      alias: aliasSchema,
      displayName: displayName.optional(),
      issuer: httpsUrl("the issuer", "https://login.example.com/tenant/v2.0"),
      authorizationUrl: httpsUrl(
        "the authorization endpoint",
        "https://login.example.com/oauth2/authorize",
      ),
      tokenUrl: httpsUrl("the token endpoint", "https://login.example.com/oauth2/token"),
      jwksUrl: httpsUrl("the JWKS URL", "https://login.example.com/discovery/keys"),
      userInfoUrl: httpsUrl(
        "the userinfo endpoint",
        "https://login.example.com/oidc/userinfo",
      ).optional(),
      logoutUrl: httpsUrl(
        "the end-session endpoint",
        "https://login.example.com/oauth2/logout",
      ).optional(),
      clientId: z
        .string({ error: "is not a string. Fix: write the client ID the upstream issued" })
        .min(1, { error: "is empty. Fix: write the client ID the upstream issued" }),
      scopes: z
        .string({ error: "is not a string. Fix: write space-separated scopes" })
        .regex(/^openid( [A-Za-z0-9_:./-]+)*$/, {
          error: 'does not start with openid. Fix: write e.g. "openid email profile"',
        })
        .optional(),
      network: networkSchema("identity provider", 443),
    },
    {
      error:
        "is not an object. Fix: write { kind: oidc, alias, issuer, authorizationUrl, tokenUrl, jwksUrl, clientId, network }",
    },
  )
  .strict();

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** PEM certificates, each parsed (a bundle that does not parse is refused, never half-used). */
const pemCertificates = (what: string) =>
  z
    .string({ error: `is not a string. Fix: paste ${what} as PEM (-----BEGIN CERTIFICATE-----)` })
    .superRefine((value, ctx) => {
      const blocks = value.match(PEM_BLOCK) ?? [];
      if (blocks.length === 0) {
        ctx.addIssue({
          code: "custom",
          message: `holds no PEM certificate. Fix: paste ${what} as PEM, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----`,
        });
      }
      blocks.forEach((b, i) => {
        try {
          new X509Certificate(b);
        } catch {
          ctx.addIssue({
            code: "custom",
            message: `has a certificate (number ${i + 1}) that does not parse. Fix: paste ${what} exactly as exported, PEM encoded`,
          });
        }
      });
    });

const samlSchema = z
  .object(
    {
      kind: z.literal("saml"),
      alias: aliasSchema,
      displayName: displayName.optional(),
      idpEntityId: z
        .string({ error: "is not a string. Fix: write the upstream's entity ID" })
        .min(1, {
          error: "is empty. Fix: write the upstream's entity ID (its metadata's entityID)",
        }),
      singleSignOnServiceUrl: httpsUrl(
        "the single sign-on service URL",
        "https://sso.example.com/saml2/sso",
      ),
      singleLogoutServiceUrl: httpsUrl(
        "the single logout service URL",
        "https://sso.example.com/saml2/slo",
      ).optional(),
      signingCertificates: pemCertificates("the upstream's signing certificate"),
      nameIdFormat: z
        .enum(Object.keys(SAML_NAME_ID_FORMATS) as [keyof typeof SAML_NAME_ID_FORMATS], {
          error: `is not a NameID format. Fix: write one of ${Object.keys(SAML_NAME_ID_FORMATS).join(", ")}`,
        })
        .optional(),
      network: networkSchema("identity provider", 443).optional(),
    },
    {
      error:
        "is not an object. Fix: write { kind: saml, alias, idpEntityId, singleSignOnServiceUrl, signingCertificates }",
    },
  )
  .strict();

const brokerSchema = z.discriminatedUnion("kind", [oidcSchema, samlSchema], {
  error:
    "is not an identity provider. Fix: write { kind: oidc, ... } or { kind: saml, ... } (docs/app-layer.md, Corporate identity)",
});

const dnSchema = (what: string, example: string) =>
  z.string({ error: `is not a string. Fix: write ${what}, e.g. ${example}` }).regex(DN, {
    error: `is not a distinguished name. Fix: write ${what} without quotes or backslashes, e.g. ${example}`,
  });

const ldapUrl = z
  .string({
    error: "is not a string. Fix: write the directory's URL, e.g. ldaps://dc1.corp.example.com:636",
  })
  .superRefine((value, ctx) => {
    const urls = value.split(" ");
    for (const u of urls) {
      if (/^ldap:\/\//i.test(u)) {
        ctx.addIssue({
          code: "custom",
          message:
            "is plain LDAP: bind passwords and users' passwords would cross the network unencrypted (StartTLS is not offered). Fix: use ldaps://<host>:636",
        });
      } else if (!/^ldaps:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(u)) {
        ctx.addIssue({
          code: "custom",
          message:
            "is not an ldaps URL. Fix: write ldaps://<host>[:port], e.g. ldaps://dc1.corp.example.com:636 (several separated by spaces)",
        });
      }
    }
  });

const syncSeconds = (what: string) =>
  z
    .number({
      error: `is not a number. Fix: write ${what} in seconds (at least 3600), or -1 (off)`,
    })
    .int({ error: `is not a whole number. Fix: write ${what} in seconds, or -1 (off)` })
    .refine((n) => n === -1 || (n >= 3600 && n <= 604800), {
      error: `is neither -1 nor 3600-604800. Fix: write -1 (off, the default) or ${what} from 3600 to 604800 seconds`,
    });

const ldapSchema = z
  .object(
    {
      url: ldapUrl,
      vendor: z.enum(LDAP_VENDORS, {
        error:
          "is not a directory vendor. Fix: write ad (Active Directory) or other (OpenLDAP, 389 DS, ...)",
      }),
      bindDn: dnSchema(
        "the bind account's DN",
        "CN=svc-keycloak,OU=Service,DC=corp,DC=example,DC=com",
      ),
      usersDn: dnSchema("the users' base DN", "OU=People,DC=corp,DC=example,DC=com"),
      usernameAttribute: z
        .string({ error: "is not a string. Fix: write the attribute, e.g. sAMAccountName" })
        .regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, {
          error: "is not an attribute name. Fix: write e.g. sAMAccountName (AD) or uid",
        })
        .optional(),
      userObjectClasses: z
        .array(z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/), {
          error:
            "is not a list of object classes. Fix: write e.g. [person, organizationalPerson, user]",
        })
        .min(1, { error: "is empty. Fix: list the users' object classes" })
        .optional(),
      userFilter: z
        .string({ error: "is not a string. Fix: write an LDAP filter in parentheses" })
        .regex(/^\([^"\\\n\r]+\)$/, {
          error:
            "is not an LDAP filter. Fix: write it in parentheses, e.g. (memberOf=CN=annotators,OU=Groups,DC=corp,DC=example,DC=com)",
        })
        .optional(),
      searchScope: z
        .enum(["one", "subtree"], { error: "is not a search scope. Fix: write one or subtree" })
        .optional(),
      editMode: z
        .enum(LDAP_EDIT_MODES, {
          error:
            "is not a read-only edit mode. Fix: write READ_ONLY (the default) or UNSYNCED (changes kept in Keycloak only); WRITABLE is not offered",
        })
        .optional(),
      fullSyncPeriodSeconds: syncSeconds("the full sync period").optional(),
      changedSyncPeriodSeconds: syncSeconds("the changed-users sync period").optional(),
      network: networkSchema("directory", 636),
    },
    {
      error:
        "is not an object. Fix: write { url: ldaps://..., vendor, bindDn, usersDn, network: { cidrs, port } }",
    },
  )
  .strict();

export const federationSchema = z
  .object(
    {
      broker: brokerSchema.optional(),
      ldap: ldapSchema.optional(),
      caBundle: pemCertificates("the corporate CA bundle").optional(),
    },
    {
      error:
        "is not an object. Fix: write { broker, ldap, caBundle }, each optional (docs/app-layer.md, Corporate identity)",
    },
  )
  .strict();

export type FederationConfig = z.infer<typeof federationSchema>;
