import { stringify } from "yaml";
import type { Route } from "./routes";

/**
 * Traefik's whole configuration of routes (file provider, mounted from a ConfigMap): one router per
 * routed path, one service per HTTPS backend (its ClusterIP Service, through a servers transport
 * that trusts only the tenant's internal CA), the allowlists, security headers, Diffgram's two
 * OIDC fixes as redirects, the public certificate (files mounted from the public TLS Secret) and
 * the TLS options. Kept in a file, not read from the Kubernetes API: Traefik's Kubernetes providers
 * list and watch every Secret of each namespace they watch (see traefik.ts), so the edge proxy
 * reads no API at all.
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
/** The directory the file provider watches: this config and the public certificate's files. */
export const DYNAMIC_DIR = "/etc/traefik/dynamic";
export const PUBLIC_CERT_FILE = `${DYNAMIC_DIR}/tls.crt`;
export const PUBLIC_KEY_FILE = `${DYNAMIC_DIR}/tls.key`;
/** Every backend Service listens on 443 (HTTPS to the pod). */
export const BACKEND_PORT = 443;

export interface DynamicConfigInput {
  readonly domain: string;
  readonly realm: string;
  readonly namespace: string;
  readonly users: readonly string[];
  readonly admin: readonly string[];
  /** Every route of the tenant (routes()); each path becomes a router. */
  readonly routes: readonly Route[];
}

/** The HTTPS backends (Service names) the routes send to, each once. */
export function backendsOf(routes: readonly Route[]): string[] {
  return [...new Set(routes.flatMap((r) => r.paths.map((p) => p.service)))];
}

/**
 * A Traefik rule matching the Ingress spec's `Prefix` path type: whole path elements, so `/api`
 * matches `/api` and `/api/x` but not `/apidocs`.
 */
export function prefixRule(host: string, path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === ""
    ? `Host(\`${host}\`) && PathPrefix(\`/\`)`
    : `Host(\`${host}\`) && (Path(\`${trimmed}\`) || PathPrefix(\`${trimmed}/\`))`;
}

/** One router per routed path: HTTPS entry point only, the route's middlewares, longest path first. */
function routers(input: DynamicConfigInput): Record<string, unknown> {
  return Object.fromEntries(
    input.routes.flatMap((route) =>
      route.paths.map((p, i) => [
        route.paths.length === 1 ? route.name : `${route.name}-${i}`,
        {
          entryPoints: ["websecure"],
          rule: prefixRule(route.host, p.path),
          // The longest prefix wins, as for Ingress paths; 0 would mean "by rule length".
          priority: Math.max(1, p.path.length),
          middlewares: [...route.middlewares],
          service: p.service,
          tls: {},
        },
      ]),
    ),
  );
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A sourceRange that matches nothing routable (loopback): for deny-all and empty lists. */
const NOBODY = ["127.0.0.1/32"];

export function dynamicConfig(input: DynamicConfigInput): Record<string, unknown> {
  const app = `https://${input.domain}`;
  const idp = `https://idp.${input.domain}`;
  const clients = [...new Set([...input.users, ...input.admin])];
  const backends = backendsOf(input.routes);
  return {
    http: {
      routers: routers(input),
      services: Object.fromEntries(
        backends.map((b) => [
          b,
          {
            loadBalancer: {
              servers: [{ url: `https://${b}.${input.namespace}.svc:${BACKEND_PORT}` }],
              serversTransport: b,
              passHostHeader: true,
            },
          },
        ]),
      ),
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
        backends.map((b) => [
          b,
          { serverName: `${b}.${input.namespace}.svc`, rootCAs: [INTERNAL_CA_FILE] },
        ]),
      ),
    },
    tls: {
      // Read again on every change of the directory, so a renewed certificate is served at once.
      certificates: [{ certFile: PUBLIC_CERT_FILE, keyFile: PUBLIC_KEY_FILE }],
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
