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
import { INTERNAL_KEY_RSA, type Certificates } from "../tls/certificates";

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
  /**
   * Mutual TLS: refuse a client without a certificate from the internal CA
   * (`fail_if_no_peer_cert = true`). Diffgram's pods present theirs through their proxy.
   */
  readonly mutualTls: boolean;
}

/**
 * TLS suites RabbitMQ accepts: forward-secret AEAD only. TLS 1.3's three, then TLS 1.2's ECDHE
 * suites. Its clients are the TLS proxies in Diffgram's pods (client-proxy.ts: TLS 1.3, or these
 * TLS 1.2 suites). The server certificate stays RSA: Diffgram's own pika client, pinned to TLS 1.2
 * with `ECDHE+AESGCM:!ECDSA` (ECDHE-RSA-AES{256,128}-GCM only), can still negotiate with the broker
 * (a Diffgram image patched to verify could dial it directly), and the proxy accepts RSA too.
 */
export const RABBITMQ_CIPHERS = [
  "TLS_AES_256_GCM_SHA384",
  "TLS_AES_128_GCM_SHA256",
  "TLS_CHACHA20_POLY1305_SHA256",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-RSA-CHACHA20-POLY1305",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
] as const;

/** Where the pod mounts the config Secret (the image reads every file there as rabbitmq.conf). */
export const RABBITMQ_CONF_DIR = "/etc/rabbitmq/conf.d";
/** The plugin list, mounted apart: a file in conf.d that is not cuttlefish syntax stops the boot. */
export const RABBITMQ_PLUGINS_DIR = "/etc/rabbitmq/plugins";
export const RABBITMQ_TLS_DIR = "/etc/rabbitmq/tls";
/**
 * No plugin at all: the official image enables rabbitmq_prometheus (plain HTTP on 15692) in its
 * own enabled_plugins file; this list replaces it, so AMQPS on 5671 is the only listener.
 */
export const RABBITMQ_ENABLED_PLUGINS = "[].\n";

/**
 * rabbitmq.conf: AMQP over TLS only (no plain listener), TLS 1.2+ with forward-secret AEAD suites,
 * peers verified against the internal CA: a client that presents a certificate must present one the
 * internal CA issued (verify_peer). Without mutual TLS a client without one is admitted to the
 * password login (fail_if_no_peer_cert = false); with it (`requireClientCertificate`) the handshake
 * fails without one (Diffgram's pods present theirs through their proxy, client-proxy.ts). Either
 * way the generated user's password is still required. The generated user is the only user:
 * `default_user` replaces guest on first boot, and guest, were it created, could log in from
 * loopback only. Logs to the console.
 */
export function rabbitmqConf(
  password: string,
  tlsDir: string = RABBITMQ_TLS_DIR,
  requireClientCertificate = false,
): string {
  return [
    "listeners.tcp = none",
    `listeners.ssl.default = ${RABBITMQ_TLS_PORT}`,
    `ssl_options.cacertfile = ${tlsDir}/ca.crt`,
    `ssl_options.certfile = ${tlsDir}/tls.crt`,
    `ssl_options.keyfile = ${tlsDir}/tls.key`,
    "ssl_options.versions.1 = tlsv1.3",
    "ssl_options.versions.2 = tlsv1.2",
    ...RABBITMQ_CIPHERS.map((c, i) => `ssl_options.ciphers.${i + 1} = ${c}`),
    "ssl_options.honor_cipher_order = true",
    "ssl_options.honor_ecc_order = true",
    "ssl_options.verify = verify_peer",
    "ssl_options.depth = 1",
    `ssl_options.fail_if_no_peer_cert = ${requireClientCertificate}`,
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

    const tls = args.certificates.internalCertificate(
      workload,
      [
        RABBITMQ_SERVICE,
        this.host,
        pulumi.interpolate`${RABBITMQ_SERVICE}.${ns}.svc.cluster.local`,
      ],
      INTERNAL_KEY_RSA,
    );
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
          "20-enclave.conf": pulumi.secret(
            pulumi
              .output(args.password)
              .apply((p) => rabbitmqConf(p, RABBITMQ_TLS_DIR, args.mutualTls)),
          ),
        },
      },
      { parent: this },
    );
    const plugins = new k8s.core.v1.ConfigMap(
      `${name}-plugins`,
      {
        metadata: { name: "rabbitmq-plugins", namespace: ns, labels },
        data: { enabled_plugins: RABBITMQ_ENABLED_PLUGINS },
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
                    env: [
                      literal("HOME", "/var/lib/rabbitmq"),
                      literal("RABBITMQ_LOGS", "-"),
                      literal(
                        "RABBITMQ_ENABLED_PLUGINS_FILE",
                        `${RABBITMQ_PLUGINS_DIR}/enabled_plugins`,
                      ),
                    ],
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
                      readOnlyMount("config", RABBITMQ_CONF_DIR),
                      readOnlyMount("plugins", RABBITMQ_PLUGINS_DIR),
                      readOnlyMount("tls", RABBITMQ_TLS_DIR),
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
                  {
                    name: "plugins",
                    configMap: { name: plugins.metadata.name, defaultMode: 0o444 },
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
      { parent: this, dependsOn: [tls, credentials, config, plugins] },
    );
    this.registerOutputs({ host: this.host });
  }
}
