import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { UIDS } from "../defaults";
import { DATABASE_CA_CONFIGMAP } from "../database/bootstrap";
import {
  hardenedDeployment,
  fromSecret,
  literal,
  readOnlyMount,
  resources,
  restrictedContainer,
  hardenedJob,
  scratchVolume,
  secretFilesVolume,
  selectorLabels,
  workloadLabels,
  type Sizing,
} from "../pod";
import type { Certificates } from "../tls/certificates";
import { configureScript, type MasterAdmin } from "./configure.sh";
import { REALM_OTP_ANNOTATION, tenantRealm, type RealmSettings } from "./realm";
import {
  FEDERATION_ENV,
  FEDERATION_SECRET,
  FEDERATION_SECRET_KEYS,
  type FederationSettings,
} from "./federation";

export const KEYCLOAK_SERVICE = "keycloak";
/** Secret with the master-realm account Diffgram logs in with, and its tenant-realm user's password. */
export const DIFFGRAM_KEYCLOAK_SECRET = "diffgram-keycloak";
/** ConfigMap with the corporate CA bundle of the federation upstreams, and where it is mounted. */
export const FEDERATION_CA_CONFIGMAP = "keycloak-federation-ca";
const FEDERATION_CA_DIR = "/etc/enclave/federation-ca";
export const KEYCLOAK_PORTS = {
  https: 8443,
  management: 9000,
  jgroups: 7800,
  jgroupsFd: 57800,
} as const;
/** The bootstrap user of earlier versions (kept only to find and disable it on upgrade). */
export const BOOTSTRAP_ADMIN_USERNAME = "enclave-bootstrap";
/** The bootstrap admin service-account client Keycloak creates with the master realm. */
export const BOOTSTRAP_ADMIN_CLIENT_ID = "enclave-bootstrap-client";

export interface KeycloakArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly domain: string;
  readonly image: string;
  readonly replicas: number;
  readonly realm: Omit<RealmSettings, "clientSecret" | "domain">;
  /** Named master-realm administrators, created by the configuration job. */
  readonly admins: readonly MasterAdmin[];
  readonly sizing: { readonly keycloak: Sizing; readonly prepare: Sizing; readonly job: Sizing };
  /** JDBC URL with sslmode and sslrootcert (no credentials). */
  readonly jdbcUrl: pulumi.Input<string>;
  /** Secret with `username` and `password` of Keycloak's database role. */
  readonly dbSecretName: string;
  /** Pod and service ranges: the only addresses whose X-Forwarded-* headers Keycloak trusts. */
  readonly trustedProxyCidrs: readonly string[];
  readonly certificates: Certificates;
  readonly credentials: {
    /** Password of the earlier versions' bootstrap user (the upgrade path logs in with it once). */
    readonly bootstrapPassword: pulumi.Input<string>;
    readonly bootstrapClientSecret: pulumi.Input<string>;
    readonly oidcClientSecret: pulumi.Input<string>;
    readonly diffgramAdminPassword: pulumi.Input<string>;
    readonly diffgramRealmUserPassword: pulumi.Input<string>;
    /** The upstream OIDC client's secret (an OIDC broker only). */
    readonly brokerClientSecret?: pulumi.Input<string>;
    /** The LDAP bind DN's password (LDAP federation only). */
    readonly ldapBindCredential?: pulumi.Input<string>;
  };
  /** Resources that must exist first (the database bootstrap job). */
  readonly dependsOn: pulumi.Input<pulumi.Resource>[];
}

/** The master-realm account Diffgram uses; one per tenant. */
export const diffgramMasterUsername = (tenant: string) => `diffgram-${tenant}`;

/**
 * Keycloak in production mode: `start --optimized` from a build made at pod start into an emptyDir
 * (so the root filesystem stays read-only), its own database role over verify-full TLS, a fixed
 * hostname, X-Forwarded headers trusted from cluster addresses only, HTTPS only (internal CA),
 * health and metrics on management port 9000 (probes only; no Service port, no Ingress), replicas
 * and a PodDisruptionBudget in prod, the tenant realm imported at start, and a job that hardens the
 * master realm and creates Diffgram's least-privilege master-realm account.
 */
export class Keycloak extends pulumi.ComponentResource {
  public readonly service: k8s.core.v1.Service;
  /** Done when the master realm is hardened and Diffgram's account exists. */
  public readonly configured: k8s.batch.v1.Job;
  public readonly diffgramSecretName: string = DIFFGRAM_KEYCLOAK_SECRET;

  constructor(name: string, args: KeycloakArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:Keycloak", name, {}, opts);
    const workload = "keycloak";
    const labels = workloadLabels(args.tenant, workload);
    const selector = selectorLabels(args.tenant, workload);
    const host = `idp.${args.domain}`;
    const ns = args.namespace;

    const tls = args.certificates.internalCertificate(workload, [
      host,
      KEYCLOAK_SERVICE,
      pulumi.interpolate`${KEYCLOAK_SERVICE}.${ns}.svc`,
      pulumi.interpolate`${KEYCLOAK_SERVICE}.${ns}.svc.cluster.local`,
    ]);
    const bootstrap = new k8s.core.v1.Secret(
      `${name}-bootstrap-admin`,
      {
        metadata: { name: "keycloak-bootstrap-admin", namespace: ns, labels },
        type: "Opaque",
        stringData: {
          "client-id": BOOTSTRAP_ADMIN_CLIENT_ID,
          "client-secret": pulumi.secret(args.credentials.bootstrapClientSecret),
          username: BOOTSTRAP_ADMIN_USERNAME,
          password: pulumi.secret(args.credentials.bootstrapPassword),
        },
      },
      { parent: this },
    );
    const realmJson = pulumi
      .all([args.credentials.oidcClientSecret])
      .apply(([clientSecret]) =>
        JSON.stringify(tenantRealm({ ...args.realm, domain: args.domain, clientSecret }), null, 2),
      );
    const realm = new k8s.core.v1.Secret(
      `${name}-realm`,
      {
        // The realm's OTP scope, readable by the packs even where the realm JSON is not (a
        // preview does not know the generated client secret inside it).
        metadata: {
          name: "keycloak-realm",
          namespace: ns,
          labels,
          annotations: { [REALM_OTP_ANNOTATION]: args.realm.otp },
        },
        type: "Opaque",
        stringData: { [`${args.realm.realm}.json`]: pulumi.secret(realmJson) },
      },
      { parent: this },
    );
    const diffgramAccount = new k8s.core.v1.Secret(
      `${name}-diffgram-account`,
      {
        metadata: { name: DIFFGRAM_KEYCLOAK_SECRET, namespace: ns, labels },
        type: "Opaque",
        stringData: {
          "master-username": diffgramMasterUsername(args.tenant),
          "master-password": pulumi.secret(args.credentials.diffgramAdminPassword),
          "realm-user-password": pulumi.secret(args.credentials.diffgramRealmUserPassword),
        },
      },
      { parent: this },
    );
    const federation = this.federationInputs(name, args, labels);
    const sa = new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      { metadata: { name: workload, namespace: ns, labels }, automountServiceAccountToken: false },
      { parent: this },
    );

    const buildOptions = ["--db=postgres", "--health-enabled=true", "--metrics-enabled=true"];
    const prepare = [
      "set -eu",
      "cp -R /opt/keycloak/. /work/",
      "mkdir -p /work/data/import",
      `/work/bin/kc.sh build ${buildOptions.join(" ")}`,
    ].join("\n");
    const securityContext = restrictedContainer(UIDS.keycloak);
    const deployment = new k8s.apps.v1.Deployment(
      `${name}-deployment`,
      hardenedDeployment({
        workload,
        namespace: ns,
        labels,
        selector,
        replicas: args.replicas,
        serviceAccountName: sa.metadata.name,
        uid: UIDS.keycloak,
        pod: {
          initContainers: [
            {
              name: "prepare",
              image: args.image,
              command: ["/bin/bash", "-c", prepare],
              env: [literal("KC_DB", "postgres")],
              resources: resources(args.sizing.prepare),
              securityContext,
              volumeMounts: [
                { name: "install", mountPath: "/work" },
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          containers: [
            {
              name: workload,
              image: args.image,
              args: ["start", "--optimized", "--import-realm"],
              ports: [
                { name: "https", containerPort: KEYCLOAK_PORTS.https },
                { name: "management", containerPort: KEYCLOAK_PORTS.management },
                { name: "jgroups", containerPort: KEYCLOAK_PORTS.jgroups },
                { name: "jgroups-fd", containerPort: KEYCLOAK_PORTS.jgroupsFd },
              ],
              env: [
                literal("KC_DB", "postgres"),
                { name: "KC_DB_URL", value: args.jdbcUrl },
                fromSecret("KC_DB_USERNAME", args.dbSecretName, "username"),
                fromSecret("KC_DB_PASSWORD", args.dbSecretName, "password"),
                literal("KC_HOSTNAME", `https://${host}`),
                literal("KC_HOSTNAME_STRICT", "true"),
                literal("KC_HTTP_ENABLED", "false"),
                literal("KC_HTTPS_PORT", String(KEYCLOAK_PORTS.https)),
                literal("KC_HTTPS_PROTOCOLS", "TLSv1.3,TLSv1.2"),
                literal("KC_HTTPS_CERTIFICATE_FILE", "/etc/enclave/tls/tls.crt"),
                literal("KC_HTTPS_CERTIFICATE_KEY_FILE", "/etc/enclave/tls/tls.key"),
                literal("KC_PROXY_HEADERS", "xforwarded"),
                literal("KC_PROXY_TRUSTED_ADDRESSES", args.trustedProxyCidrs.join(",")),
                literal("KC_HEALTH_ENABLED", "true"),
                literal("KC_METRICS_ENABLED", "true"),
                literal("KC_HTTP_MANAGEMENT_PORT", String(KEYCLOAK_PORTS.management)),
                literal("KC_CACHE", "ispn"),
                literal("KC_CACHE_STACK", "jdbc-ping"),
                literal("KC_HTTP_MAX_QUEUED_REQUESTS", "1000"),
                literal("KC_LOG_CONSOLE_OUTPUT", "json"),
                // A service-account client only: with no username and password set, Keycloak
                // bootstraps no user (used only when it creates the master realm).
                fromSecret("KC_BOOTSTRAP_ADMIN_CLIENT_ID", bootstrap.metadata.name, "client-id"),
                fromSecret(
                  "KC_BOOTSTRAP_ADMIN_CLIENT_SECRET",
                  bootstrap.metadata.name,
                  "client-secret",
                ),
                ...federation.env,
              ],
              startupProbe: httpsProbe("/health/started", 60),
              readinessProbe: httpsProbe("/health/ready", 3),
              livenessProbe: httpsProbe("/health/live", 3),
              resources: resources(args.sizing.keycloak),
              securityContext,
              volumeMounts: [
                readOnlyMount("install", "/opt/keycloak"),
                { name: "data", mountPath: "/opt/keycloak/data" },
                readOnlyMount("realm", "/opt/keycloak/data/import"),
                readOnlyMount("tls", "/etc/enclave/tls"),
                readOnlyMount("db-ca", "/etc/enclave/db-ca"),
                ...federation.mounts,
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            scratchVolume("install", "1Gi"),
            scratchVolume("data", "512Mi"),
            scratchVolume("tmp", "512Mi"),
            { name: "realm", secret: { secretName: realm.metadata.name, defaultMode: 0o440 } },
            secretFilesVolume("tls", `${workload}-tls`, ["tls.crt", "tls.key"]),
            { name: "db-ca", configMap: { name: DATABASE_CA_CONFIGMAP, defaultMode: 0o444 } },
            ...federation.volumes,
          ],
        },
      }),
      { parent: this, dependsOn: [tls, ...federation.resources, ...args.dependsOn] },
    );

    this.service = new k8s.core.v1.Service(
      `${name}-service`,
      {
        metadata: {
          name: KEYCLOAK_SERVICE,
          namespace: ns,
          labels,
        },
        spec: {
          type: "ClusterIP",
          selector,
          // HTTPS only: the management port (9000) is deliberately not part of the Service.
          ports: [{ name: "https", port: 443, targetPort: KEYCLOAK_PORTS.https, protocol: "TCP" }],
        },
      },
      { parent: this },
    );
    if (args.replicas > 1) {
      new k8s.policy.v1.PodDisruptionBudget(
        `${name}-pdb`,
        {
          metadata: { name: workload, namespace: ns, labels },
          spec: { minAvailable: 1, selector: { matchLabels: selector } },
        },
        { parent: this },
      );
    }

    this.configured = this.configureJob(name, args, host, [deployment, diffgramAccount, bootstrap]);
    this.registerOutputs({ service: this.service.metadata.name });
  }

  /**
   * What federation adds to the Keycloak pod: the upstream secrets as environment variables from
   * the `keycloak-federation` Secret (the realm import's placeholders resolve them), and the
   * corporate CA bundle in a ConfigMap (public certificates) added to Keycloak's truststore.
   */
  private federationInputs(
    name: string,
    args: KeycloakArgs,
    labels: Record<string, string>,
  ): {
    env: k8s.types.input.core.v1.EnvVar[];
    mounts: k8s.types.input.core.v1.VolumeMount[];
    volumes: k8s.types.input.core.v1.Volume[];
    resources: pulumi.Resource[];
  } {
    const f: FederationSettings | undefined = args.realm.federation;
    const out = {
      env: [] as k8s.types.input.core.v1.EnvVar[],
      mounts: [] as k8s.types.input.core.v1.VolumeMount[],
      volumes: [] as k8s.types.input.core.v1.Volume[],
      resources: [] as pulumi.Resource[],
    };
    const stringData: Record<string, pulumi.Input<string>> = {};
    if (f?.broker?.kind === "oidc") {
      const secret = args.credentials.brokerClientSecret;
      if (secret === undefined) {
        throw new Error(
          "an OIDC broker needs credentials.brokerClientSecret (enclave:brokerClientSecret)",
        );
      }
      stringData[FEDERATION_SECRET_KEYS.brokerClientSecret] = pulumi.secret(secret);
      out.env.push(
        fromSecret(
          FEDERATION_ENV.brokerClientSecret,
          FEDERATION_SECRET,
          FEDERATION_SECRET_KEYS.brokerClientSecret,
        ),
      );
    }
    if (f?.ldap) {
      const secret = args.credentials.ldapBindCredential;
      if (secret === undefined) {
        throw new Error(
          "LDAP federation needs credentials.ldapBindCredential (enclave:ldapBindCredential)",
        );
      }
      stringData[FEDERATION_SECRET_KEYS.ldapBindCredential] = pulumi.secret(secret);
      out.env.push(
        fromSecret(
          FEDERATION_ENV.ldapBindCredential,
          FEDERATION_SECRET,
          FEDERATION_SECRET_KEYS.ldapBindCredential,
        ),
      );
    }
    if (Object.keys(stringData).length > 0) {
      out.resources.push(
        new k8s.core.v1.Secret(
          `${name}-federation`,
          {
            metadata: { name: FEDERATION_SECRET, namespace: args.namespace, labels },
            type: "Opaque",
            stringData,
          },
          { parent: this },
        ),
      );
    }
    if (f?.caBundle) {
      const ca = new k8s.core.v1.ConfigMap(
        `${name}-federation-ca`,
        {
          metadata: { name: FEDERATION_CA_CONFIGMAP, namespace: args.namespace, labels },
          data: { "ca.pem": f.caBundle },
        },
        { parent: this },
      );
      out.resources.push(ca);
      out.mounts.push(readOnlyMount("federation-ca", FEDERATION_CA_DIR));
      out.volumes.push({
        name: "federation-ca",
        configMap: { name: FEDERATION_CA_CONFIGMAP, defaultMode: 0o444 },
      });
      // Added to the JDK's default trust (which Keycloak always keeps), for LDAPS and the broker.
      out.env.push(literal("KC_TRUSTSTORE_PATHS", `${FEDERATION_CA_DIR}/ca.pem`));
    }
    return out;
  }

  private configureJob(
    name: string,
    args: KeycloakArgs,
    host: string,
    after: pulumi.Resource[],
  ): k8s.batch.v1.Job {
    const workload = "keycloak-configure";
    const labels = workloadLabels(args.tenant, workload);
    // Its own account, without a token or any role: the Job talks to Keycloak, not to the API.
    const sa = new k8s.core.v1.ServiceAccount(
      `${name}-configure-sa`,
      {
        metadata: { name: workload, namespace: args.namespace, labels },
        automountServiceAccountToken: false,
      },
      { parent: this },
    );
    const script = new k8s.core.v1.ConfigMap(
      `${name}-configure-script`,
      {
        metadata: { name: workload, namespace: args.namespace, labels },
        data: { "configure.sh": configureScript({ ...args.realm, admins: args.admins }) },
      },
      { parent: this },
    );
    return new k8s.batch.v1.Job(
      `${name}-configure`,
      hardenedJob({
        namespace: args.namespace,
        labels,
        selector: selectorLabels(args.tenant, workload),
        backoffLimit: 4,
        activeDeadlineSeconds: 1800,
        serviceAccountName: sa.metadata.name,
        uid: UIDS.keycloak,
        pod: {
          // The admin API is reached in-cluster under the public name, so TLS and the
          // fixed hostname both check out; the public ingress never serves master to pods.
          hostAliases: [{ ip: this.service.spec.clusterIP, hostnames: [host] }],
          containers: [
            {
              name: "configure",
              image: args.image,
              command: ["/bin/bash", "/etc/enclave/configure/configure.sh"],
              env: [
                literal("KC_SERVER", `https://${host}`),
                fromSecret("BOOTSTRAP_CLIENT_ID", "keycloak-bootstrap-admin", "client-id"),
                fromSecret("BOOTSTRAP_CLIENT_SECRET", "keycloak-bootstrap-admin", "client-secret"),
                fromSecret("BOOTSTRAP_USERNAME", "keycloak-bootstrap-admin", "username"),
                fromSecret("BOOTSTRAP_PASSWORD", "keycloak-bootstrap-admin", "password"),
                fromSecret("DIFFGRAM_USERNAME", DIFFGRAM_KEYCLOAK_SECRET, "master-username"),
                fromSecret("DIFFGRAM_PASSWORD", DIFFGRAM_KEYCLOAK_SECRET, "master-password"),
              ],
              resources: resources(args.sizing.job),
              securityContext: restrictedContainer(UIDS.keycloak),
              volumeMounts: [
                readOnlyMount("script", "/etc/enclave/configure"),
                readOnlyMount("internal-ca", "/etc/enclave/internal-ca"),
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            { name: "script", configMap: { name: script.metadata.name, defaultMode: 0o444 } },
            secretFilesVolume("internal-ca", args.certificates.internalCaSecretName, ["ca.crt"]),
            scratchVolume("tmp", "256Mi"),
          ],
        },
      }),
      { parent: this, dependsOn: [script, ...after] },
    );
  }
}

function httpsProbe(path: string, failureThreshold: number): k8s.types.input.core.v1.Probe {
  return {
    httpGet: { path, port: KEYCLOAK_PORTS.management, scheme: "HTTPS" },
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold,
  };
}
