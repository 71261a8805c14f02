import { stringify } from "yaml";

/**
 * Traefik's dynamic configuration (file provider, mounted from a ConfigMap): the allowlists,
 * security headers, Diffgram's two OIDC fixes as redirects, TLS options, and one servers transport
 * per HTTPS backend that trusts only the tenant's internal CA. Kept in a file rather than in
 * Traefik CRDs so every object the layer emits is a core Kubernetes type.
 */

/** Middleware names, referenced from Ingress annotations as `<name>@file`. */
export const MIDDLEWARES = {
  allowUsers: "allow-users",
  allowAdmins: "allow-admins",
  /** users + admin: static resources both the login pages and the admin console load. */
  allowClients: "allow-clients",
  denyAll: "deny-all",
  securityHeaders: "security-headers",
  oidcRedirect: "diffgram-oidc-redirect",
  openidScope: "keycloak-openid-scope",
} as const;

export const INTERNAL_CA_FILE = "/etc/traefik/internal-ca/ca.crt";

export interface DynamicConfigInput {
  readonly domain: string;
  readonly realm: string;
  readonly namespace: string;
  readonly users: readonly string[];
  readonly admin: readonly string[];
  /** HTTPS backends (Service names) and the DNS name each presents. */
  readonly backends: readonly string[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A sourceRange that matches nothing routable (loopback): for deny-all and empty lists. */
const NOBODY = ["127.0.0.1/32"];

export function dynamicConfig(input: DynamicConfigInput): Record<string, unknown> {
  const app = `https://${input.domain}`;
  const idp = `https://idp.${input.domain}`;
  const clients = [...new Set([...input.users, ...input.admin])];
  return {
    http: {
      middlewares: {
        [MIDDLEWARES.allowUsers]: {
          ipAllowList: { sourceRange: input.users.length > 0 ? [...input.users] : NOBODY },
        },
        [MIDDLEWARES.allowAdmins]: { ipAllowList: { sourceRange: [...input.admin] } },
        [MIDDLEWARES.allowClients]: { ipAllowList: { sourceRange: clients } },
        [MIDDLEWARES.denyAll]: { ipAllowList: { sourceRange: NOBODY } },
        [MIDDLEWARES.securityHeaders]: {
          headers: {
            stsSeconds: 31536000,
            stsIncludeSubdomains: true,
            forceSTSHeader: true,
            contentTypeNosniff: true,
            customFrameOptionsValue: "SAMEORIGIN",
            referrerPolicy: "strict-origin-when-cross-origin",
            permissionsPolicy: "camera=(), microphone=(), geolocation=(), payment=()",
            customResponseHeaders: { Server: "", "X-Powered-By": "" },
          },
        },
        // Diffgram registers and sends redirect_uri .../user/oidc-login, but its SPA route is
        // /user/oauth2-login/ (commit d48503f9): send the browser on, query (code) included.
        [MIDDLEWARES.oidcRedirect]: {
          redirectRegex: {
            regex: `^${escapeRegex(app)}/user/oidc-login/?(\\?.*)?$`,
            replacement: `${app}/user/oauth2-login/\${1}`,
            permanent: false,
          },
        },
        // Diffgram (python-keycloak) asks for scope=email without openid, so Keycloak would issue
        // no ID token and refuse userinfo: add openid to the authorization request.
        [MIDDLEWARES.openidScope]: {
          redirectRegex: {
            regex: `^(${escapeRegex(`${idp}/realms/${input.realm}/protocol/openid-connect/auth`)}\\?(?:.*&)?)scope=email(&.*)?$`,
            replacement: "${1}scope=openid%20email${2}",
            permanent: false,
          },
        },
      },
      serversTransports: Object.fromEntries(
        input.backends.map((b) => [
          b,
          { serverName: `${b}.${input.namespace}.svc`, rootCAs: [INTERNAL_CA_FILE] },
        ]),
      ),
    },
    tls: {
      options: {
        default: {
          minVersion: "VersionTLS12",
          sniStrict: true,
          cipherSuites: [
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
          ],
        },
      },
    },
  };
}

export function dynamicConfigYaml(input: DynamicConfigInput): string {
  return stringify(dynamicConfig(input));
}
