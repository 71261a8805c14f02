import type * as k8s from "@pulumi/kubernetes";
import {
  readOnlyMount,
  resources,
  restrictedContainer,
  scratchVolume,
  secretFilesVolume,
  type Sizing,
} from "../pod";
import { RABBITMQ_CIPHERS, RABBITMQ_TLS_PORT } from "./rabbitmq";

type Container = k8s.types.input.core.v1.Container;
type Volume = k8s.types.input.core.v1.Volume;

/**
 * The verifying AMQP client side of every Diffgram pod. Diffgram's pika code cannot verify the
 * broker (its SSLContext is CERT_NONE and no setting reaches it), so Diffgram speaks plain AMQP to
 * this proxy on the pod's loopback only, and the proxy (nginx `stream`) opens TLS to the RabbitMQ
 * Service, verifying the chain against the internal CA and the broker's name, and closing the
 * connection when either check fails. With mutual TLS on, it also presents the pod's client
 * certificate, which the app container never mounts.
 */

/** Where the proxy listens: the pod's loopback, the AMQP port Diffgram dials (never the pod IP). */
export const RABBITMQ_PROXY_ADDRESS = "127.0.0.1";
export const RABBITMQ_PROXY_PORT = 5672;
export const RABBITMQ_PROXY_CONFIGMAP = "rabbitmq-proxy";
export const RABBITMQ_PROXY_CONF_DIR = "/etc/enclave/rabbitmq-proxy";
/** The internal CA's certificate (ca.crt of the internal-ca-trust Secret, the pods' trust anchor). */
export const RABBITMQ_PROXY_CA_FILE = "/etc/enclave/internal-ca/ca.crt";
/** The client certificate's files (mutual TLS only). */
export const RABBITMQ_CLIENT_CERT_DIR = "/etc/enclave/rabbitmq-client";
/** The Secret of a Diffgram workload's client certificate (issued only with mutual TLS on). */
export const rabbitmqClientSecret = (workload: string) => `${workload}-amqp-client-tls`;

/** TLS 1.2 suites the proxy offers (TLS 1.3's come from OpenSSL's defaults, all AEAD). */
export const RABBITMQ_PROXY_TLS12_CIPHERS = RABBITMQ_CIPHERS.filter((c) => !c.startsWith("TLS_"));

export interface RabbitMqProxyConfig {
  /** The broker's Service name: dialled, sent as SNI, and checked against its certificate. */
  readonly serverName: string;
  readonly port?: number;
  /** Present the pod's client certificate (RabbitMQ's fail_if_no_peer_cert = true). */
  readonly mutualTls: boolean;
}

/**
 * nginx.conf of the proxy: a `stream` server on 127.0.0.1:5672 that forwards to the broker over
 * TLS 1.2/1.3, `proxy_ssl_verify on` against the internal CA (depth 1: the CA signs the broker's
 * certificate directly, as for the broker's own check of clients), `proxy_ssl_name` the Service
 * name (nginx checks it against the certificate's names and sends it as SNI). Every writable path
 * is in /tmp; no http block, so nginx needs no temp directories.
 */
export function rabbitmqProxyConf(c: RabbitMqProxyConfig): string {
  const port = c.port ?? RABBITMQ_TLS_PORT;
  return [
    "worker_processes 1;",
    "pid /tmp/nginx.pid;",
    "error_log stderr notice;",
    "",
    "events {",
    "    worker_connections 256;",
    "}",
    "",
    "stream {",
    "    server {",
    `        listen ${RABBITMQ_PROXY_ADDRESS}:${RABBITMQ_PROXY_PORT};`,
    `        proxy_pass ${c.serverName}:${port};`,
    "        proxy_connect_timeout 10s;",
    // AMQP heartbeats (Diffgram asks for 10 s) keep an open connection busy; 10 min of silence is a dead one.
    "        proxy_timeout 10m;",
    "        proxy_ssl on;",
    "        proxy_ssl_protocols TLSv1.2 TLSv1.3;",
    `        proxy_ssl_ciphers ${RABBITMQ_PROXY_TLS12_CIPHERS.join(":")};`,
    "        proxy_ssl_verify on;",
    "        proxy_ssl_verify_depth 1;",
    `        proxy_ssl_trusted_certificate ${RABBITMQ_PROXY_CA_FILE};`,
    `        proxy_ssl_name ${c.serverName};`,
    "        proxy_ssl_server_name on;",
    "        proxy_ssl_session_reuse on;",
    ...(c.mutualTls
      ? [
          `        proxy_ssl_certificate ${RABBITMQ_CLIENT_CERT_DIR}/tls.crt;`,
          `        proxy_ssl_certificate_key ${RABBITMQ_CLIENT_CERT_DIR}/tls.key;`,
        ]
      : []),
    "    }",
    "}",
    "",
  ].join("\n");
}

export interface RabbitMqProxyContainerArgs {
  readonly image: string;
  readonly sizing: Sizing;
  readonly mutualTls: boolean;
  /** The pod's volume holding the internal CA's ca.crt. */
  readonly caVolume: string;
  /** The pod's UID (nginx needs no user of its own: it never switches users, running non-root). */
  readonly uid: number;
}

/**
 * The proxy as a native sidecar (an init container with restartPolicy Always, Kubernetes 1.29+):
 * it starts before the app, runs beside it, and ends with it, so the migration Job still completes.
 * It runs as the pod's UID, restricted like every container of the layer; the client key is mounted
 * in this container only. Its command skips the image's entrypoint scripts (they would write to the
 * read-only root filesystem).
 */
export function rabbitmqProxyContainer(a: RabbitMqProxyContainerArgs): Container {
  return {
    name: "rabbitmq-proxy",
    image: a.image,
    restartPolicy: "Always",
    command: ["nginx", "-e", "stderr", "-c", `${RABBITMQ_PROXY_CONF_DIR}/nginx.conf`],
    args: ["-g", "daemon off;"],
    resources: resources(a.sizing),
    securityContext: restrictedContainer(a.uid),
    volumeMounts: [
      readOnlyMount("rabbitmq-proxy-conf", RABBITMQ_PROXY_CONF_DIR),
      readOnlyMount(a.caVolume, RABBITMQ_PROXY_CA_FILE.replace(/\/ca\.crt$/, "")),
      ...(a.mutualTls ? [readOnlyMount("rabbitmq-client-tls", RABBITMQ_CLIENT_CERT_DIR)] : []),
      { name: "rabbitmq-proxy-tmp", mountPath: "/tmp" },
    ],
  };
}

/** The proxy's own volumes (the CA volume is the pod's, shared with the trust-bundle init). */
export function rabbitmqProxyVolumes(workload: string, mutualTls: boolean): Volume[] {
  return [
    {
      name: "rabbitmq-proxy-conf",
      configMap: { name: RABBITMQ_PROXY_CONFIGMAP, defaultMode: 0o444 },
    },
    ...(mutualTls
      ? [
          secretFilesVolume("rabbitmq-client-tls", rabbitmqClientSecret(workload), [
            "tls.crt",
            "tls.key",
          ]),
        ]
      : []),
    scratchVolume("rabbitmq-proxy-tmp", "16Mi"),
  ];
}
