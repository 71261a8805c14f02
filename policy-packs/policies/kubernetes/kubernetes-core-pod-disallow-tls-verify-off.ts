import { arr, rec, str } from "../../lib/props";
import { containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";
import { describeTlsVerifyOff, tlsVerifyOffInSetting } from "../../lib/kubernetes/tls-verify";

export default podPolicy({
  name: "kubernetes-core-pod-disallow-tls-verify-off",
  description:
    "Containers must not be configured, through literal environment values, to skip TLS certificate verification: libpq sslmode disable/allow/prefer/require (PGSSLMODE or sslmode= in a connection URL; require encrypts but verifies nothing), NODE_TLS_REJECT_UNAUTHORIZED=0, *_SSL_VERIFY/*_TLS_VERIFY set to false/0/none (and negated switches such as *_DISABLED_SSL_VERIFY or *_NO_VERIFY set to true), PYTHONHTTPSVERIFY=0, an empty CURL_CA_BUNDLE, Keycloak ssl-required none or hostname verifier ANY, RabbitMQ verify_none. A client that does not verify the server's certificate hands its credentials and data to anyone who can sit on the path, so TLS then protects only against passive eavesdroppers.",
  severity: "high",
  remediation:
    "Verify against the right CA instead: sslmode=verify-full with sslrootcert pointing at the database's CA bundle, a CA bundle file for the client (REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS, the client's own CA option) mounted from the internal CA Secret or a ConfigMap, ssl_options.verify = verify_peer for RabbitMQ, ssl-required all or external for Keycloak.",
  controls: { nist: ["SC-8", "SC-8(1)", "SC-23"] },
  concern: "encryption",
  check(pod, report) {
    const parts: string[] = [];
    for (const c of pod.containers) {
      const found = arr(c.props.env)
        .map((e) => rec(e))
        .flatMap((e) => {
          const name = str(e.name);
          const value = str(e.value);
          return name !== undefined && value !== undefined
            ? tlsVerifyOffInSetting(name, value)
            : [];
        });
      if (found.length > 0) {
        parts.push(`${containerLabel(c)} sets ${describeTlsVerifyOff(found)}`);
      }
    }
    if (parts.length > 0) {
      report(`TLS certificate verification is turned off: ${parts.join("; ")}`);
    }
  },
});
