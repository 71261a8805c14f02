import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { UIDS } from "../defaults";
import {
  hardenedDeployment,
  readOnlyMount,
  resources,
  restrictedContainer,
  hardenedJob,
  scratchVolume,
  secretFilesVolume,
  selectorLabels,
  workloadLabels,
} from "../pod";
import {
  DIFFGRAM_APP_SECRET,
  DIFFGRAM_DATABASE_URL_SECRET,
  STORAGE_CREDENTIALS_SECRET,
  USES_OIDC,
  diffgramEnv,
  type DiffgramEnvContext,
  type DiffgramService,
} from "./env";
import { DIFFGRAM_TLS_PORT, FRONTEND_NGINX_CONF } from "./frontend";
import { workloadName, type DiffgramArgs } from "./args";
import { pythonVolumes, trustBundleInit } from "./pods";
import {
  RABBITMQ_PROXY_CONFIGMAP,
  rabbitmqProxyConf,
  rabbitmqProxyContainer,
  rabbitmqProxyVolumes,
} from "../rabbitmq/client-proxy";

export { validateDiffgramStorage, type DiffgramArgs } from "./args";

/**
 * Diffgram: the API (default), walrus, eventhandlers (one replica: its scheduler cannot scale),
 * the frontend and the migration job. Every container runs as a non-root UID with a read-only root
 * filesystem and all capabilities dropped; each pod serves TLS itself (internal CA) so nothing
 * crosses the cluster network in clear, and Flask-SSLify sees HTTPS without header tricks. Every
 * pod that talks to RabbitMQ has a verifying TLS client proxy beside it (rabbitmq/client-proxy.ts),
 * since Diffgram's own RabbitMQ client cannot verify the broker.
 */
export class Diffgram extends pulumi.ComponentResource {
  public readonly migration: k8s.batch.v1.Job;

  constructor(name: string, args: DiffgramArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:Diffgram", name, {}, opts);
    const ns = args.namespace;
    const labels = workloadLabels(args.tenant, "diffgram");
    const svcHost = (s: string) => pulumi.interpolate`${s}.${ns}.svc`;

    const appSecret = new k8s.core.v1.Secret(
      `${name}-app`,
      {
        metadata: { name: DIFFGRAM_APP_SECRET, namespace: ns, labels },
        type: "Opaque",
        stringData: {
          "secret-key": pulumi.secret(args.secrets.secretKey),
          "user-passwords-secret": pulumi.secret(args.secrets.userPasswordsSecret),
          "inter-service-secret": pulumi.secret(args.secrets.interServiceSecret),
          "fernet-key": pulumi.secret(args.secrets.fernetKey),
        },
      },
      { parent: this },
    );
    const dbUrl = new k8s.core.v1.Secret(
      `${name}-database-url`,
      {
        metadata: { name: DIFFGRAM_DATABASE_URL_SECRET, namespace: ns, labels },
        type: "Opaque",
        stringData: { url: pulumi.secret(args.databaseUrl) },
      },
      { parent: this },
    );
    const storageSecretName = this.storageCredentials(name, args, labels);
    const nginx = new k8s.core.v1.ConfigMap(
      `${name}-frontend-nginx`,
      {
        metadata: { name: "diffgram-frontend-nginx", namespace: ns, labels },
        data: { "nginx.conf": FRONTEND_NGINX_CONF },
      },
      { parent: this },
    );

    const proxyConf = new k8s.core.v1.ConfigMap(
      `${name}-rabbitmq-proxy`,
      {
        metadata: { name: RABBITMQ_PROXY_CONFIGMAP, namespace: ns, labels },
        data: {
          "nginx.conf": pulumi
            .output(args.rabbitmq.host)
            .apply((serverName) =>
              rabbitmqProxyConf({ serverName, mutualTls: args.rabbitmq.mutualTls }),
            ),
        },
      },
      { parent: this },
    );
    // Mutual TLS: one client certificate per workload that talks to RabbitMQ, mounted in its proxy only.
    const clientCert = (s: "default" | "walrus" | "eventhandlers"): pulumi.Resource[] =>
      args.rabbitmq.mutualTls
        ? [args.certificates.clientCertificate(`${workloadName(s)}-amqp-client`)]
        : [];

    const envContext: DiffgramEnvContext = {
      domain: args.domain,
      realm: args.realm,
      namespace: ns,
      walrusUrl: pulumi.interpolate`https://${workloadName("walrus")}.${ns}.svc/`,
      rabbitmqSecret: args.rabbitmq.secretName,
      keycloakSecret: args.keycloak.secretName,
      signedUrlLifetimeSeconds: args.signedUrlLifetimeSeconds,
      storage: args.storage,
      storageSecretName,
    };
    const cert = (s: "default" | "walrus" | "frontend") => {
      const n = workloadName(s);
      return args.certificates.internalCertificate(n, [
        n,
        svcHost(n),
        pulumi.interpolate`${n}.${ns}.svc.cluster.local`,
      ]);
    };
    const certs = { default: cert("default"), walrus: cert("walrus"), frontend: cert("frontend") };
    const common = [appSecret, dbUrl, proxyConf, ...args.dependsOn];

    this.migration = this.job(name, args, envContext, common);
    const afterMigration = [...common, this.migration];

    const gunicorn = (workers: number) => [
      "gunicorn",
      "--bind",
      `:${DIFFGRAM_TLS_PORT}`,
      "--certfile",
      "/etc/enclave/tls/tls.crt",
      "--keyfile",
      "/etc/enclave/tls/tls.key",
      "--timeout",
      "120",
      "--worker-class",
      "sync",
      "--workers",
      String(workers),
      "--worker-tmp-dir",
      "/tmp",
      "--no-sendfile",
      "main:app",
    ];
    this.backend(name, "default", args, envContext, {
      command: gunicorn(5),
      healthPath: "/api/status",
      replicas: args.replicas.default,
      dependsOn: [...afterMigration, certs.default, ...clientCert("default")],
    });
    this.backend(name, "walrus", args, envContext, {
      command: gunicorn(3),
      healthPath: "/api/walrus/status",
      replicas: args.replicas.walrus,
      terminationGracePeriodSeconds: 3600,
      dependsOn: [...afterMigration, certs.walrus, ...clientCert("walrus")],
    });
    this.backend(name, "eventhandlers", args, envContext, {
      // The image's newrelic-admin wrapper is skipped: no telemetry agent.
      command: ["python", "main.py"],
      replicas: 1,
      dependsOn: [...afterMigration, ...clientCert("eventhandlers")],
    });
    this.frontend(name, args, nginx, certs.frontend);
    this.registerOutputs({ migration: this.migration.metadata.name });
  }

  /** Copies the store's keys from the operator's namespace when the Platform keeps them there. */
  private storageCredentials(
    name: string,
    args: DiffgramArgs,
    labels: Record<string, string>,
  ): string | undefined {
    const credentials = args.storage.credentials;
    if (credentials === "workload-identity") {
      return undefined;
    }
    if (credentials.namespace === undefined) {
      return credentials.secretName;
    }
    const source = k8s.core.v1.Secret.get(
      `${name}-storage-source`,
      `${credentials.namespace}/${credentials.secretName}`,
      {
        parent: this,
        ...(credentials.createdBy !== undefined ? { dependsOn: [credentials.createdBy] } : {}),
      },
    );
    new k8s.core.v1.Secret(
      `${name}-storage`,
      {
        metadata: { name: STORAGE_CREDENTIALS_SECRET, namespace: args.namespace, labels },
        type: "Opaque",
        data: pulumi.secret(source.data),
      },
      { parent: this },
    );
    return STORAGE_CREDENTIALS_SECRET;
  }

  private serviceAccount(
    name: string,
    service: DiffgramService | "frontend",
    args: DiffgramArgs,
    annotations = {},
  ) {
    return new k8s.core.v1.ServiceAccount(
      `${name}-${service}-sa`,
      {
        metadata: {
          name: workloadName(service),
          namespace: args.namespace,
          labels: workloadLabels(args.tenant, workloadName(service)),
          annotations,
        },
        automountServiceAccountToken: false,
      },
      { parent: this },
    );
  }

  private backend(
    name: string,
    service: "default" | "walrus" | "eventhandlers",
    args: DiffgramArgs,
    env: DiffgramEnvContext,
    spec: {
      command: string[];
      healthPath?: string;
      replicas: number;
      terminationGracePeriodSeconds?: number;
      dependsOn: pulumi.Input<pulumi.Resource>[];
    },
  ): void {
    const workload = workloadName(service);
    const labels = workloadLabels(args.tenant, workload);
    const selector = selectorLabels(args.tenant, workload);
    const sa = this.serviceAccount(name, service, args, args.serviceAccountAnnotations[service]);
    const { volumes, mounts } = pythonVolumes(service, args, env.storageSecretName);
    const probe = (failureThreshold: number): k8s.types.input.core.v1.Probe | undefined =>
      spec.healthPath
        ? {
            httpGet: { path: spec.healthPath, port: DIFFGRAM_TLS_PORT, scheme: "HTTPS" },
            periodSeconds: 10,
            timeoutSeconds: 5,
            failureThreshold,
          }
        : undefined;
    new k8s.apps.v1.Deployment(
      `${name}-${service}`,
      hardenedDeployment({
        workload,
        namespace: args.namespace,
        labels,
        selector,
        replicas: spec.replicas,
        serviceAccountName: sa.metadata.name,
        uid: UIDS.diffgram,
        // eventhandlers' scheduler must never run twice, even during a rollout.
        ...(service === "eventhandlers" ? { strategy: { type: "Recreate" } } : {}),
        pod: {
          ...(spec.terminationGracePeriodSeconds
            ? { terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds }
            : {}),
          ...(USES_OIDC[service]
            ? {
                // Keycloak is reached in-cluster under its public name (TLS and the fixed
                // issuer both check out), never through the allowlisted ingress.
                hostAliases: [{ ip: args.keycloak.clusterIp, hostnames: [`idp.${args.domain}`] }],
              }
            : {}),
          initContainers: [
            trustBundleInit(args.images[service], args.sizing.trustBundle),
            this.proxy(args),
          ],
          containers: [
            {
              name: service,
              image: args.images[service],
              command: spec.command,
              workingDir: "/app",
              ...(spec.healthPath
                ? { ports: [{ name: "https", containerPort: DIFFGRAM_TLS_PORT }] }
                : {}),
              env: diffgramEnv(service, env),
              ...(spec.healthPath
                ? {
                    startupProbe: { ...probe(60)!, periodSeconds: 10 },
                    readinessProbe: probe(3),
                    livenessProbe: probe(6),
                  }
                : {}),
              resources: resources(args.sizing[service]),
              securityContext: restrictedContainer(UIDS.diffgram),
              volumeMounts: mounts,
            },
          ],
          volumes: [...volumes, ...rabbitmqProxyVolumes(workload, args.rabbitmq.mutualTls)],
        },
      }),
      { parent: this, dependsOn: spec.dependsOn },
    );
    if (spec.healthPath) {
      this.service(name, service, args, selector, labels);
    }
    if (spec.replicas > 1) {
      this.pdb(name, service, args, selector, labels);
    }
  }

  private frontend(
    name: string,
    args: DiffgramArgs,
    nginx: k8s.core.v1.ConfigMap,
    cert: pulumi.Resource,
  ): void {
    const workload = workloadName("frontend");
    const labels = workloadLabels(args.tenant, workload);
    const selector = selectorLabels(args.tenant, workload);
    const sa = this.serviceAccount(name, "frontend", args);
    const probe = (failureThreshold: number): k8s.types.input.core.v1.Probe => ({
      httpGet: { path: "/healthz", port: DIFFGRAM_TLS_PORT, scheme: "HTTPS" },
      periodSeconds: 10,
      timeoutSeconds: 3,
      failureThreshold,
    });
    new k8s.apps.v1.Deployment(
      `${name}-frontend`,
      hardenedDeployment({
        workload,
        namespace: args.namespace,
        labels,
        selector,
        replicas: args.replicas.frontend,
        serviceAccountName: sa.metadata.name,
        uid: UIDS.nginx,
        pod: {
          containers: [
            {
              name: "frontend",
              image: args.images.frontend,
              ports: [{ name: "https", containerPort: DIFFGRAM_TLS_PORT }],
              readinessProbe: probe(3),
              livenessProbe: probe(6),
              resources: resources(args.sizing.frontend),
              securityContext: restrictedContainer(UIDS.nginx),
              volumeMounts: [
                {
                  name: "nginx-conf",
                  mountPath: "/etc/nginx/nginx.conf",
                  subPath: "nginx.conf",
                  readOnly: true,
                },
                readOnlyMount("tls", "/etc/enclave/tls"),
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            {
              name: "nginx-conf",
              configMap: { name: nginx.metadata.name, defaultMode: 0o444 },
            },
            secretFilesVolume("tls", `${workload}-tls`, ["tls.crt", "tls.key"]),
            scratchVolume("tmp", "64Mi"),
          ],
        },
      }),
      { parent: this, dependsOn: [nginx, cert] },
    );
    this.service(name, "frontend", args, selector, labels);
    if (args.replicas.frontend > 1) {
      this.pdb(name, "frontend", args, selector, labels);
    }
  }

  private service(
    name: string,
    service: string,
    args: DiffgramArgs,
    selector: Record<string, string>,
    labels: Record<string, string>,
  ) {
    new k8s.core.v1.Service(
      `${name}-${service}-service`,
      {
        metadata: {
          name: workloadName(service as DiffgramService),
          namespace: args.namespace,
          labels,
        },
        spec: {
          type: "ClusterIP",
          selector,
          ports: [{ name: "https", port: 443, targetPort: DIFFGRAM_TLS_PORT, protocol: "TCP" }],
        },
      },
      { parent: this },
    );
  }

  private pdb(
    name: string,
    service: string,
    args: DiffgramArgs,
    selector: Record<string, string>,
    labels: Record<string, string>,
  ) {
    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-${service}-pdb`,
      {
        metadata: {
          name: workloadName(service as DiffgramService),
          namespace: args.namespace,
          labels,
        },
        spec: { minAvailable: 1, selector: { matchLabels: selector } },
      },
      { parent: this },
    );
  }

  /** The pod's verifying TLS client proxy to RabbitMQ (a native sidecar; see client-proxy.ts). */
  private proxy(args: DiffgramArgs): k8s.types.input.core.v1.Container {
    return rabbitmqProxyContainer({
      image: args.images.rabbitmqProxy,
      sizing: args.sizing.rabbitmqProxy,
      mutualTls: args.rabbitmq.mutualTls,
      caVolume: "internal-ca",
      uid: UIDS.diffgram,
    });
  }

  /**
   * alembic upgrade head, as Diffgram's db-init.sh does (without create_database.py, which prints
   * the URL). Migrations use no queue: the Job has no RabbitMQ proxy and no flow to the broker, and
   * its RabbitMQ settings name its own loopback, where nothing listens (a connection is refused).
   */
  private job(
    name: string,
    args: DiffgramArgs,
    env: DiffgramEnvContext,
    dependsOn: pulumi.Input<pulumi.Resource>[],
  ): k8s.batch.v1.Job {
    const workload = workloadName("migrate");
    const labels = workloadLabels(args.tenant, workload);
    const sa = this.serviceAccount(name, "migrate", args);
    const { volumes, mounts } = pythonVolumes("migrate", args, env.storageSecretName);
    return new k8s.batch.v1.Job(
      `${name}-migrate`,
      hardenedJob({
        namespace: args.namespace,
        labels,
        selector: selectorLabels(args.tenant, workload),
        backoffLimit: 4,
        activeDeadlineSeconds: 1800,
        serviceAccountName: sa.metadata.name,
        uid: UIDS.diffgram,
        pod: {
          initContainers: [trustBundleInit(args.images.default, args.sizing.trustBundle)],
          containers: [
            {
              name: "migrate",
              image: args.images.default,
              command: ["alembic", "upgrade", "head"],
              workingDir: "/app/shared",
              env: diffgramEnv("migrate", env),
              resources: resources(args.sizing.job),
              securityContext: restrictedContainer(UIDS.diffgram),
              volumeMounts: mounts,
            },
          ],
          volumes,
        },
      }),
      { parent: this, dependsOn: [sa, ...dependsOn] },
    );
  }
}
