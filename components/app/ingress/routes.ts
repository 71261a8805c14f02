import { MIDDLEWARES } from "./dynamic";

/** One routed path: Prefix path (element-wise) to a Service's HTTPS port. */
export interface RoutePath {
  readonly path: string;
  readonly service: string;
}

/** One Ingress: a host, its paths, and the middlewares (allowlist first) on every path. */
export interface Route {
  readonly name: string;
  readonly host: string;
  readonly paths: readonly RoutePath[];
  readonly middlewares: readonly string[];
}

/**
 * Every route of the tenant, as data. The app and the tenant realm are for enclave:allowlist.users;
 * Keycloak's admin console, admin API and master realm only for enclave:allowlist.admin (paths are
 * simply not routed for anyone else); static resources for both; walrus's inter-service endpoint
 * for nobody (default reaches walrus in-cluster). Keycloak's management port is never routed.
 * Traefik serves them from its file provider (dynamic.ts), not from Ingress objects.
 */
export function routes(domain: string, realm: string): Route[] {
  const idp = `idp.${domain}`;
  return [
    {
      name: "app",
      host: domain,
      paths: [
        { path: "/api/walrus", service: "diffgram-walrus" },
        { path: "/api", service: "diffgram-default" },
        { path: "/", service: "diffgram-frontend" },
      ],
      middlewares: [MIDDLEWARES.allowUsers, MIDDLEWARES.oidcRedirect],
    },
    {
      name: "app-interservice",
      host: domain,
      paths: [{ path: "/api/walrus/v1/interservice", service: "diffgram-walrus" }],
      middlewares: [MIDDLEWARES.denyAll],
    },
    {
      name: "idp-realm",
      host: idp,
      paths: [{ path: `/realms/${realm}`, service: "keycloak" }],
      middlewares: [MIDDLEWARES.allowUsers, MIDDLEWARES.openidScope],
    },
    {
      name: "idp-resources",
      host: idp,
      paths: [{ path: "/resources", service: "keycloak" }],
      middlewares: [MIDDLEWARES.allowClients],
    },
    {
      name: "idp-admin",
      host: idp,
      paths: [
        { path: "/admin", service: "keycloak" },
        { path: "/realms/master", service: "keycloak" },
      ],
      middlewares: [MIDDLEWARES.allowAdmins],
    },
  ];
}
