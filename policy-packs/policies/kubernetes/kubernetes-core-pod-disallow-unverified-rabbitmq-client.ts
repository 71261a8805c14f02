import { arr, rec, str } from "../../lib/props";
import { containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/**
 * Diffgram's RabbitMQ settings (its shared/settings): a container that sets RABBITMQ_USE_SSL is
 * configured the way Diffgram reads them. Its QueueClient and ConsumersCreator build
 * ssl.SSLContext(PROTOCOL_TLSv1_2) (verify mode CERT_NONE, no CA, no server name), and no setting
 * reaches that code; without RABBITMQ_USE_SSL it speaks plain AMQP, its password included.
 */
const SWITCH = "RABBITMQ_USE_SSL";
const HOST = "RABBITMQ_HOST";
const ON = new Set(["true", "yes", "y", "1"]);

/** The pod's own loopback: a connection there never leaves the pod (a local proxy carries it on). */
function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

export default podPolicy({
  name: "kubernetes-core-pod-disallow-unverified-rabbitmq-client",
  description:
    "Diffgram containers (they set RABBITMQ_USE_SSL) must not connect to RabbitMQ across the network themselves: RABBITMQ_HOST must be the pod's loopback (127.0.0.1, localhost, ::1), where a verifying TLS proxy in the same pod carries the connection on. Diffgram's own TLS (RABBITMQ_USE_SSL=True) verifies neither the broker's certificate nor its name (its pika SSLContext is CERT_NONE and no setting changes it), and without it the AMQP stream, password included, crosses the network in clear: either way whoever can answer for the broker's address reads the credentials and the messages.",
  severity: "high",
  remediation:
    "Run a verifying TLS client proxy beside Diffgram (enclave runs nginx's stream module as a native sidecar: listen 127.0.0.1:5672, proxy_ssl_verify on, proxy_ssl_trusted_certificate the internal CA, proxy_ssl_name the broker's Service name) and set RABBITMQ_HOST=127.0.0.1, RABBITMQ_PORT=5672, RABBITMQ_USE_SSL=False; or use a Diffgram image patched to verify (ssl.create_default_context(cafile=...) with server_hostname).",
  controls: { nist: ["SC-8", "SC-8(1)", "SC-23", "IA-3"] },
  concern: "encryption",
  check(pod, report) {
    const parts: string[] = [];
    for (const c of pod.containers) {
      const env = new Map(arr(c.props.env).map((e) => [str(rec(e).name) ?? "", rec(e)]));
      if (!env.has(SWITCH)) {
        continue;
      }
      // A host from a Secret or ConfigMap is not visible: nothing to judge.
      const host = str(env.get(HOST)?.value);
      if (host === undefined || isLoopback(host)) {
        continue;
      }
      const tls = ON.has((str(env.get(SWITCH)?.value) ?? "").trim().toLowerCase());
      parts.push(
        tls
          ? `${containerLabel(c)} dials ${HOST}=${host} with ${SWITCH}=True (TLS that verifies no certificate and no name)`
          : `${containerLabel(c)} dials ${HOST}=${host} without TLS (plain AMQP, password included)`,
      );
    }
    if (parts.length > 0) {
      report(`Diffgram reaches RabbitMQ without verifying it: ${parts.join("; ")}`);
    }
  },
});
