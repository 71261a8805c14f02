import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { UIDS } from "../defaults";
import {
  literal,
  readOnlyMount,
  resources,
  restrictedContainer,
  hardenedPod,
  scratchVolume,
  selectorLabels,
  workloadLabels,
  type Sizing,
} from "../pod";
import type { Certificates } from "../tls/certificates";

export const RABBITMQ_SERVICE = "rabbitmq";
export const RABBITMQ_CREDENTIALS_SECRET = "rabbitmq-credentials";
export const RABBITMQ_TLS_PORT = 5671;
export const RABBITMQ_USERNAME = "diffgram";

export interface RabbitMqArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly image: string;
  readonly password: pulumi.Input<string>;
  readonly sizing: Sizing;
  readonly storageGi: number;
  readonly storageClassName?: string;
  readonly certificates: Certificates;
}

/**
 * rabbitmq.conf: AMQP over TLS only (no plain listener), TLS 1.2+, the generated user as the only
 * user (guest limited to loopback), logs to the console. The image is the one without the
 * management plugin, so there is no management UI to expose at all.
 */
export function rabbitmqConf(password: string): string {
  return [
    "listeners.tcp = none",
    `listeners.ssl.default = ${RABBITMQ_TLS_PORT}`,
    "ssl_options.cacertfile = /etc/rabbitmq/tls/ca.crt",
    "ssl_options.certfile = /etc/rabbitmq/tls/tls.crt",
    "ssl_options.keyfile = /etc/rabbitmq/tls/tls.key",
    "ssl_options.versions.1 = tlsv1.3",
    "ssl_options.versions.2 = tlsv1.2",
    "ssl_options.verify = verify_none",
    "ssl_options.fail_if_no_peer_cert = false",
    `default_user = ${RABBITMQ_USERNAME}`,
    `default_pass = ${password}`,
    "default_vhost = /",
    "loopback_users.guest = true",
    "log.console = true",
    "log.console.level = info",
    "log.file = false",
    "",
  ].join("\n");
}

/** RabbitMQ for Diffgram's queues: one replica, TLS, generated credentials, persistent queue store. */
export class RabbitMq extends pulumi.ComponentResource {
  public readonly host: pulumi.Output<string>;
  public readonly credentialsSecretName: string = RABBITMQ_CREDENTIALS_SECRET;

  constructor(name: string, args: RabbitMqArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:RabbitMq", name, {}, opts);
    const workload = "rabbitmq";
    const labels = workloadLabels(args.tenant, workload);
    const selector = selectorLabels(args.tenant, workload);
    const ns = args.namespace;
    this.host = pulumi.interpolate`${RABBITMQ_SERVICE}.${ns}.svc`;

    const tls = args.certificates.internalCertificate(workload, [
      RABBITMQ_SERVICE,
      this.host,
      pulumi.interpolate`${RABBITMQ_SERVICE}.${ns}.svc.cluster.local`,
    ]);
    const credentials = new k8s.core.v1.Secret(
      `${name}-credentials`,
      {
        metadata: { name: RABBITMQ_CREDENTIALS_SECRET, namespace: ns, labels },
        type: "Opaque",
        stringData: { username: RABBITMQ_USERNAME, password: pulumi.secret(args.password) },
      },
      { parent: this },
    );
    const config = new k8s.core.v1.Secret(
      `${name}-config`,
      {
        metadata: { name: "rabbitmq-config", namespace: ns, labels },
        type: "Opaque",
        stringData: {
          "20-enclave.conf": pulumi.secret(pulumi.output(args.password).apply(rabbitmqConf)),
        },
      },
      { parent: this },
    );
    const sa = new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      { metadata: { name: workload, namespace: ns, labels }, automountServiceAccountToken: false },
      { parent: this },
    );
    const headless = new k8s.core.v1.Service(
      `${name}-headless`,
      {
        metadata: { name: `${RABBITMQ_SERVICE}-headless`, namespace: ns, labels },
        spec: {
          clusterIP: "None",
          selector,
          ports: [{ name: "amqps", port: RABBITMQ_TLS_PORT, protocol: "TCP" }],
        },
      },
      { parent: this },
    );
    new k8s.core.v1.Service(
      `${name}-service`,
      {
        metadata: { name: RABBITMQ_SERVICE, namespace: ns, labels },
        spec: {
          type: "ClusterIP",
          selector,
          ports: [
            {
              name: "amqps",
              port: RABBITMQ_TLS_PORT,
              targetPort: RABBITMQ_TLS_PORT,
              protocol: "TCP",
            },
          ],
        },
      },
      { parent: this },
    );
    const diagnostics = (check: string): k8s.types.input.core.v1.Probe => ({
      exec: { command: ["rabbitmq-diagnostics", "-q", check] },
      periodSeconds: 30,
      timeoutSeconds: 20,
      failureThreshold: 4,
    });
    new k8s.apps.v1.StatefulSet(
      `${name}-statefulset`,
      {
        metadata: { name: workload, namespace: ns, labels },
        spec: {
          serviceName: headless.metadata.name,
          replicas: 1,
          selector: { matchLabels: selector },
          template: {
            metadata: { labels },
            spec: hardenedPod({
              serviceAccountName: sa.metadata.name,
              uid: UIDS.rabbitmq,
              pod: {
                terminationGracePeriodSeconds: 120,
                containers: [
                  {
                    name: workload,
                    image: args.image,
                    ports: [{ name: "amqps", containerPort: RABBITMQ_TLS_PORT }],
                    env: [literal("HOME", "/var/lib/rabbitmq"), literal("RABBITMQ_LOGS", "-")],
                    startupProbe: {
                      ...diagnostics("ping"),
                      periodSeconds: 10,
                      failureThreshold: 30,
                    },
                    readinessProbe: diagnostics("check_port_connectivity"),
                    livenessProbe: diagnostics("ping"),
                    resources: resources(args.sizing),
                    securityContext: restrictedContainer(UIDS.rabbitmq),
                    volumeMounts: [
                      { name: "data", mountPath: "/var/lib/rabbitmq" },
                      readOnlyMount("config", "/etc/rabbitmq/conf.d"),
                      readOnlyMount("tls", "/etc/rabbitmq/tls"),
                      { name: "logs", mountPath: "/var/log/rabbitmq" },
                      { name: "tmp", mountPath: "/tmp" },
                    ],
                  },
                ],
                volumes: [
                  {
                    name: "config",
                    secret: { secretName: config.metadata.name, defaultMode: 0o440 },
                  },
                  { name: "tls", secret: { secretName: `${workload}-tls`, defaultMode: 0o440 } },
                  scratchVolume("logs", "64Mi"),
                  scratchVolume("tmp", "64Mi"),
                ],
              },
            }),
          },
          volumeClaimTemplates: [
            {
              metadata: { name: "data", labels },
              spec: {
                accessModes: ["ReadWriteOnce"],
                ...(args.storageClassName ? { storageClassName: args.storageClassName } : {}),
                resources: { requests: { storage: `${args.storageGi}Gi` } },
              },
            },
          ],
        },
      },
      { parent: this, dependsOn: [tls, credentials, config] },
    );
    this.registerOutputs({ host: this.host });
  }
}
