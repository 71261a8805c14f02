import { resourcePolicy } from "../../lib/define";
import { rec } from "../../lib/props";
import { tlsVerifyOffInEntries } from "../../lib/kubernetes/tls-verify";
import { CONFIG_MAP_TOKENS } from "../../lib/kubernetes/types";

export default resourcePolicy({
  name: "kubernetes-core-configmap-disallow-tls-verify-off",
  description:
    "ConfigMaps must not carry settings that skip TLS certificate verification, neither as keys (consumed with envFrom) nor inside the configuration files they hold: libpq sslmode disable/allow/prefer/require (require encrypts but verifies nothing), NODE_TLS_REJECT_UNAUTHORIZED=0, *_SSL_VERIFY/*_TLS_VERIFY false/0/none and negated switches (*_DISABLED_SSL_VERIFY, insecureSkipVerify) set to true, PYTHONHTTPSVERIFY=0, an empty CURL_CA_BUNDLE, Keycloak sslRequired none, disable-trust-manager or allow-any-hostname, RabbitMQ ssl_options.verify = verify_none or {verify, verify_none}, and nginx proxying to a TLS upstream with proxy_ssl_verify off or without proxy_ssl_verify on (nginx's default is off). A peer that is not verified can be impersonated by anyone on the path.",
  severity: "high",
  remediation:
    "Configure verification against the right CA: sslmode=verify-full with sslrootcert, a CA bundle file for the client, ssl_options.verify = verify_peer with ssl_options.cacertfile for RabbitMQ, sslRequired all or external and a truststore for Keycloak, proxy_ssl_verify on with proxy_ssl_trusted_certificate and proxy_ssl_name for nginx; remove the insecure switch.",
  controls: { nist: ["SC-8", "SC-8(1)", "SC-23"] },
  concern: "encryption",
  resourceTypes: CONFIG_MAP_TOKENS,
  check(resource, report) {
    const parts = tlsVerifyOffInEntries(rec(resource.props.data), false);
    if (parts.length > 0) {
      report(`ConfigMap turns TLS certificate verification off: ${parts.join("; ")}`);
    }
  },
});
