import * as pulumi from "@pulumi/pulumi";
import type { Platform } from "../shared/platform";
import { TenantAdmission } from "./admission/admission";
import { TenantBaseline } from "./baseline/baseline";
import { LayerCredentials } from "./credentials";
import {
  appDatabases,
  appDbSecretName,
  DATABASE_CA_PATH,
  DatabaseBootstrap,
} from "./database/bootstrap";
import { sizing } from "./defaults";
import { Diffgram, validateDiffgramStorage } from "./diffgram/diffgram";
import { routes } from "./ingress/routes";
import { Traefik } from "./ingress/traefik";
import { Keycloak } from "./keycloak/keycloak";
import { upstreamNetworks, type UpstreamNetwork } from "./keycloak/federation";
import { WorkloadNetworkPolicies, type FlowRuleContext } from "./network-policies/policies";
import { RabbitMq } from "./rabbitmq/rabbitmq";
import type { LayerSettings } from "./settings";
import { Certificates, validateCertificates } from "./tls/certificates";

export interface AppLayerArgs {
  /** What the target built: the only input from the cloud. */
  readonly platform: Platform;
  /** The layer's settings, every default applied. */
  readonly settings: LayerSettings;
}

/** Problems with the Platform and settings together, found before any child is created. */
export function validateLayer(args: AppLayerArgs): string[] {
  const { platform, settings } = args;
  return [
    ...validateCertificates({ tls: settings.tls, platformIssuer: platform.ingress.tls.issuer }),
    ...validateDiffgramStorage(platform.storage),
    ...validateFlowAddresses(platform),
    ...(platform.ingress.clusterCidrs.length === 0
      ? [
          "platform.ingress.clusterCidrs is empty, so Keycloak could trust no proxy. Fix: the target must list the pod and service ranges",
        ]
      : []),
  ];
}

/**
 * The Platform must name every address a flow needs: with none, the flow's pods could not work,
 * and there is no "any address" fallback that would open the internet to them.
 */
export function validateFlowAddresses(platform: Platform): string[] {
  const problems: string[] = [];
  if (platform.storage.network.cidrs.length === 0) {
    problems.push(
      "platform.storage.network.cidrs is empty, so no pod could reach the object store. Fix: the target must name the store's addresses (e.g. the S3 interface endpoint's subnets)",
    );
  }
  if (platform.ingress.kubernetesApiCidrs.length === 0) {
    problems.push(
      "platform.ingress.kubernetesApiCidrs is empty, so the ingress controller could not reach the API server. Fix: the target must name the API server's addresses",
    );
  }
  if (readsSecretStoreHere(platform) && (platform.ingress.cloudApiCidrs ?? []).length === 0) {
    problems.push(
      `platform.ingress.cloudApiCidrs is empty, but the database administrator's secret is in the cloud's secret store (${platform.database.adminCredentials.kind}). Fix: the target must name where that API is reached (e.g. the Secrets Manager interface endpoint's subnets)`,
    );
  }
  return problems;
}

/**
 * Whether a pod of the tenant namespace (the bootstrap Job) reads the database administrator's
 * credentials from the cloud's secret store: not when the Job runs in the platform's namespace.
 */
function readsSecretStoreHere(platform: Platform): boolean {
  const db = platform.database;
  return db.adminCredentials.kind !== "kubernetes-secret" && db.bootstrap === undefined;
}

/** The NetworkPolicy inputs the flow table needs, from the Platform. */
export function flowRuleContext(
  platform: Platform,
  identityUpstreams: readonly UpstreamNetwork[] = [],
): FlowRuleContext {
  return {
    tenant: platform.tenant,
    addresses: {
      clients: [...platform.allowlist.users, ...platform.allowlist.admin],
      database: platform.database.cidrs,
      objectStorage: platform.storage.network.cidrs,
      kubernetesApi: platform.ingress.kubernetesApiCidrs,
      cloudApis: platform.ingress.cloudApiCidrs ?? [],
      identityEndpoints: platform.ingress.identityEndpoints ?? [],
      identityUpstreams,
      clusterCidrs: platform.ingress.clusterCidrs,
      metadataCidrs: platform.ingress.metadataCidrs,
    },
    cloudSecretStore: readsSecretStoreHere(platform),
    databasePort: platform.database.port,
    objectStoragePort: platform.storage.network.port,
  };
}

/**
 * The app layer, the same on every target: the tenant namespace baseline, certificates,
 * the ingress controller and routes, Keycloak with the tenant realm, RabbitMQ, Diffgram, the
 * database bootstrap, and one NetworkPolicy per workload generated from the flow table.
 */
export class AppLayer extends pulumi.ComponentResource {
  public readonly namespace: pulumi.Output<string>;
  public readonly appUrl: string;
  public readonly identityProviderUrl: string;
  /** Reachable only from enclave:allowlist.admin. */
  public readonly adminConsoleUrl: string;
  public readonly realm: string;
  /** Address of the ingress load balancer, once the cloud assigns it. */
  public readonly ingressAddress: pulumi.Output<string | undefined>;

  constructor(name: string, args: AppLayerArgs, opts?: pulumi.ComponentResourceOptions) {
    // The type tokens of the app layer's components keep their first names
    // (enclave:kubernetes:*) so that deployed stacks keep their URNs.
    super(
      "enclave:kubernetes:KubernetesLayer",
      name,
      {},
      pulumi.mergeOptions(opts, { providers: [args.platform.kubernetesProvider] }),
    );
    const problems = validateLayer(args);
    if (problems.length > 0) {
      throw new pulumi.ResourceError(`App layer: ${problems.join("\n")}`, this);
    }
    const { platform, settings } = args;
    const { tenant, domain } = platform;
    const size = sizing(platform.environment);
    const child = { parent: this };
    const flowRules = flowRuleContext(platform, upstreamNetworks(settings.keycloak.federation));

    const credentials = new LayerCredentials(`${name}-credentials`, child);
    const baseline = new TenantBaseline(
      `${name}-baseline`,
      {
        namespace: settings.namespace,
        tenant,
        environment: platform.environment,
        flowRules,
        // Groups of the stack's config and those the target mapped its operators' identities to.
        operators: {
          groups: [...new Set([...settings.operators.groups, ...platform.operatorGroups])],
          users: settings.operators.users,
        },
      },
      child,
    );
    const ns = baseline.namespace;
    this.namespace = ns;
    // Inside the API server: pinned images from the stack's repositories, no host access, and
    // NetworkPolicies the namespace's own workloads cannot change.
    new TenantAdmission(
      `${name}-admission`,
      { namespace: settings.namespace, tenant, images: Object.values(settings.images) },
      child,
    );

    const certificates = new Certificates(
      `${name}-certificates`,
      {
        namespace: ns,
        tenant,
        domain,
        tls: settings.tls,
        platformIssuer: platform.ingress.tls.issuer,
        installCertManager:
          settings.tls.installCertManager ?? platform.ingress.certManager === "install",
        images: settings.images,
        networkAddresses: flowRules.addresses,
      },
      child,
    );

    // Databases: one role and one database per application, created by the bootstrap job.
    const db = platform.database;
    const names = appDatabases(tenant);
    // In the platform's namespace (db.bootstrap) the Job runs with the platform's service
    // account: no identity of the tenant's may read a shared server's administrator.
    const bootstrapIdentity =
      db.adminCredentials.kind === "kubernetes-secret" || db.bootstrap !== undefined
        ? { serviceAccountAnnotations: {} }
        : platform.bindServiceAccount({
            name: "database-bootstrap",
            namespace: settings.namespace,
            serviceAccountName: "database-bootstrap",
            access: "database-bootstrap",
          });
    const bootstrap = new DatabaseBootstrap(
      `${name}-database`,
      {
        namespace: ns,
        tenant,
        database: db,
        apps: [
          {
            app: "keycloak",
            name: names.keycloak,
            username: names.keycloak,
            password: credentials.keycloakDbPassword,
          },
          {
            app: "diffgram",
            name: names.diffgram,
            username: names.diffgram,
            password: credentials.diffgramDbPassword,
          },
        ],
        image: settings.images.diffgramDefault,
        serviceAccountAnnotations: bootstrapIdentity.serviceAccountAnnotations,
        sizing: size.job,
      },
      child,
    );
    const tlsParams = `sslmode=${db.sslMode}&sslrootcert=${DATABASE_CA_PATH}`;

    const rabbitmq = new RabbitMq(
      `${name}-rabbitmq`,
      {
        namespace: ns,
        tenant,
        image: settings.images.rabbitmq,
        password: credentials.rabbitmqPassword,
        sizing: size.rabbitmq,
        storageGi: settings.rabbitmqStorageGi,
        storageClassName: settings.storageClassName,
        certificates,
        mutualTls: settings.rabbitmqMutualTls,
      },
      child,
    );

    const { admins, ...realmSettings } = settings.keycloak;
    const keycloak = new Keycloak(
      `${name}-keycloak`,
      {
        namespace: ns,
        tenant,
        domain,
        image: settings.images.keycloak,
        replicas: settings.replicas.keycloak,
        realm: { realm: settings.realm, clientId: "diffgram", ...realmSettings },
        admins,
        sizing: { keycloak: size.keycloak, prepare: size.keycloakPrepare, job: size.job },
        jdbcUrl: pulumi.interpolate`jdbc:postgresql://${db.host}:${db.port}/${names.keycloak}?${tlsParams}`,
        dbSecretName: appDbSecretName("keycloak"),
        trustedProxyCidrs: platform.ingress.clusterCidrs,
        certificates,
        credentials: {
          bootstrapPassword: credentials.keycloakBootstrapPassword,
          bootstrapClientSecret: credentials.keycloakBootstrapClientSecret,
          oidcClientSecret: credentials.oidcClientSecret,
          diffgramAdminPassword: credentials.diffgramKeycloakAdminPassword,
          diffgramRealmUserPassword: credentials.diffgramRealmUserPassword,
          ...settings.federationCredentials,
        },
        dependsOn: [bootstrap.job],
      },
      child,
    );

    const storageIdentity = (service: "default" | "walrus" | "eventhandlers") =>
      platform.storage.credentials === "workload-identity"
        ? platform.bindServiceAccount({
            name: `diffgram-${service}`,
            namespace: settings.namespace,
            serviceAccountName: `diffgram-${service}`,
            access: "tenant-storage",
          }).serviceAccountAnnotations
        : {};
    new Diffgram(
      `${name}-diffgram`,
      {
        namespace: ns,
        tenant,
        domain,
        realm: settings.realm,
        images: {
          default: settings.images.diffgramDefault,
          walrus: settings.images.diffgramWalrus,
          eventhandlers: settings.images.diffgramEventhandlers,
          frontend: settings.images.diffgramFrontend,
          rabbitmqProxy: settings.images.rabbitmqProxy,
        },
        replicas: {
          default: settings.replicas.diffgramDefault,
          walrus: settings.replicas.diffgramWalrus,
          frontend: settings.replicas.diffgramFrontend,
        },
        sizing: {
          default: size.diffgramDefault,
          walrus: size.diffgramWalrus,
          eventhandlers: size.diffgramEventhandlers,
          frontend: size.diffgramFrontend,
          trustBundle: size.trustBundle,
          rabbitmqProxy: size.rabbitmqProxy,
          job: size.job,
        },
        signedUrlLifetimeSeconds: settings.signedUrlLifetimeSeconds,
        storage: platform.storage,
        serviceAccountAnnotations: {
          default: storageIdentity("default"),
          walrus: storageIdentity("walrus"),
          eventhandlers: storageIdentity("eventhandlers"),
        },
        databaseUrl: pulumi.secret(
          pulumi.interpolate`postgresql+psycopg2://${names.diffgram}:${credentials.diffgramDbPassword}@${db.host}:${db.port}/${names.diffgram}?${tlsParams}`,
        ),
        secrets: {
          secretKey: credentials.secretKey,
          userPasswordsSecret: credentials.userPasswordsSecret,
          interServiceSecret: credentials.interServiceSecret,
          fernetKey: credentials.fernetKey,
        },
        rabbitmq: {
          host: rabbitmq.host,
          secretName: rabbitmq.credentialsSecretName,
          mutualTls: settings.rabbitmqMutualTls,
        },
        keycloak: {
          secretName: keycloak.diffgramSecretName,
          clusterIp: keycloak.service.spec.clusterIP,
        },
        certificates,
        dependsOn: [bootstrap.job, keycloak.configured, rabbitmq],
      },
      child,
    );

    const clients = [...new Set([...platform.allowlist.users, ...platform.allowlist.admin])];
    const traefik = new Traefik(
      `${name}-ingress`,
      {
        namespace: ns,
        tenant,
        image: settings.images.traefik,
        replicas: settings.replicas.traefik,
        sizing: size.traefik,
        dynamic: {
          domain,
          realm: settings.realm,
          namespace: settings.namespace,
          users: platform.allowlist.users,
          admin: platform.allowlist.admin,
          routes: routes(domain, settings.realm),
        },
        sourceRanges: clients,
        loadBalancerAnnotations: platform.ingress.loadBalancerAnnotations,
        internalCaSecretName: certificates.internalCaSecretName,
        tlsSecretName: certificates.publicTlsSecretName,
      },
      child,
    );
    new WorkloadNetworkPolicies(
      `${name}-network-policies`,
      { namespace: ns, rules: flowRules },
      child,
    );

    this.realm = settings.realm;
    this.appUrl = `https://${domain}`;
    this.identityProviderUrl = `https://idp.${domain}/realms/${settings.realm}`;
    this.adminConsoleUrl = `https://idp.${domain}/admin/master/console/`;
    this.ingressAddress = traefik.service.status.apply((s) => {
      const ingress = s?.loadBalancer?.ingress?.[0];
      return ingress?.ip ?? ingress?.hostname;
    });
    this.registerOutputs({
      namespace: this.namespace,
      appUrl: this.appUrl,
      identityProviderUrl: this.identityProviderUrl,
      adminConsoleUrl: this.adminConsoleUrl,
      realm: this.realm,
      ingressAddress: this.ingressAddress,
    });
  }
}
