import { resourcePolicy } from "../../lib/define";
import { str } from "../../lib/props";
import { LISTENER_TYPES, tlsPolicyMeets } from "../../lib/aws/lb";

interface Config {
  readonly minimumTlsVersion: "1.2" | "1.3";
}

export default resourcePolicy<Config>({
  name: "aws-lb-listener-configure-modern-tls",
  description:
    "HTTPS and TLS listeners must use a security policy whose lowest protocol is TLS 1.2 (or 1.3 when configured). Without sslPolicy the provider picks ELBSecurityPolicy-2016-08, which still accepts TLS 1.0 and 1.1 and weak ciphers.",
  severity: "high",
  remediation:
    'Set sslPolicy to "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS 1.2 and 1.3) or "ELBSecurityPolicy-TLS13-1-3-2021-06" (TLS 1.3 only), or a FIPS or post-quantum variant of them.',
  controls: { nist: ["SC-8", "SC-8(1)", "SC-13"] },
  concern: "encryption",
  resourceTypes: LISTENER_TYPES,
  configSchema: {
    properties: {
      minimumTlsVersion: {
        type: "string",
        enum: ["1.2", "1.3"],
        default: "1.2",
        description: "Lowest TLS version the listener's security policy may accept.",
      },
    },
  },
  check({ props }, report, config) {
    const protocol = str(props.protocol)?.toUpperCase();
    if (protocol !== "HTTPS" && protocol !== "TLS") {
      return;
    }
    const minimum = config.minimumTlsVersion === "1.3" ? "1.3" : "1.2";
    const policy = str(props.sslPolicy);
    if (policy === undefined) {
      report(
        `sslPolicy is not set, so the ${protocol} listener uses ELBSecurityPolicy-2016-08 (TLS 1.0+). Set a TLS ${minimum}+ policy.`,
      );
    } else if (!tlsPolicyMeets(policy, minimum)) {
      report(
        `sslPolicy "${policy}" accepts protocols older than TLS ${minimum}. Use a TLS ${minimum}+ policy such as ${minimum === "1.3" ? "ELBSecurityPolicy-TLS13-1-3-2021-06" : "ELBSecurityPolicy-TLS13-1-2-2021-06"}.`,
      );
    }
  },
});
