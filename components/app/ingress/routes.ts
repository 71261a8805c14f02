import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { workloadLabels } from "../pod";
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

export interface RoutesArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly domain: string;
  readonly realm: string;
  readonly ingressClassName: string;
  readonly tlsSecretName: string;
}

/** The Ingress objects of `routes()`: TLS on every host, HTTPS entry point only. */
export class Routes extends pulumi.ComponentResource {
  constructor(name: string, args: RoutesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:Routes", name, {}, opts);
    for (const route of routes(args.domain, args.realm)) {
      new k8s.networking.v1.Ingress(
        `${name}-${route.name}`,
        {
          metadata: {
            name: route.name,
            namespace: args.namespace,
            labels: workloadLabels(args.tenant, "ingress"),
            annotations: {
              "traefik.ingress.kubernetes.io/router.entrypoints": "websecure",
              "traefik.ingress.kubernetes.io/router.tls": "true",
              "traefik.ingress.kubernetes.io/router.middlewares": route.middlewares
                .map((m) => `${m}@file`)
                .join(","),
            },
          },
          spec: {
            ingressClassName: args.ingressClassName,
            tls: [{ hosts: [route.host], secretName: args.tlsSecretName }],
            rules: [
              {
                host: route.host,
                http: {
                  paths: route.paths.map((p) => ({
                    path: p.path,
                    pathType: "Prefix",
                    backend: { service: { name: p.service, port: { number: 443 } } },
                  })),
                },
              },
            ],
          },
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
