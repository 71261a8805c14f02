import { resourcePolicy } from "../../lib/define";
import { rec } from "../../lib/props";
import { tlsVerifyOffInEntries } from "../../lib/kubernetes/tls-verify";
import { SECRET_TOKENS } from "../../lib/kubernetes/types";

export default resourcePolicy({
  name: "kubernetes-core-secret-disallow-tls-verify-off",
  description:
    "Secrets that hold configuration (a rabbitmq.conf with its password, a Keycloak realm import, a connection URL, an env file) must not carry settings that skip TLS certificate verification, in stringData or base64 data: libpq sslmode disable/allow/prefer/require (require encrypts but verifies nothing), a JDBC NonValidatingFactory, NODE_TLS_REJECT_UNAUTHORIZED=0, *_SSL_VERIFY/*_TLS_VERIFY false/0/none and negated switches set to true, PYTHONHTTPSVERIFY=0, an empty CURL_CA_BUNDLE, Keycloak sslRequired none, RabbitMQ ssl_options.verify = verify_none or {verify, verify_none}, and nginx proxying to a TLS upstream with proxy_ssl_verify off or without proxy_ssl_verify on. Configuration that embeds a password lives in a Secret, so this is where such settings hide from the ConfigMap check.",
  severity: "high",
  remediation:
    "Configure verification against the right CA: sslmode=verify-full with sslrootcert in the URL, ssl_options.verify = verify_peer with ssl_options.cacertfile for RabbitMQ, sslRequired all or external in the realm, a CA bundle file for the client; remove the insecure switch.",
  controls: { nist: ["SC-8", "SC-8(1)", "SC-23"] },
  concern: "encryption",
  resourceTypes: SECRET_TOKENS,
  check(resource, report) {
    const parts = [
      ...tlsVerifyOffInEntries(rec(resource.props.stringData), false),
      ...tlsVerifyOffInEntries(rec(resource.props.data), true),
    ];
    if (parts.length > 0) {
      report(`Secret turns TLS certificate verification off: ${parts.join("; ")}`);
    }
  },
});
