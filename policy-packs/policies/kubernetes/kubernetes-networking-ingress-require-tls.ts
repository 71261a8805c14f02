import { resourcePolicy } from "../../lib/define";
import { arr, get, rec, str, strings } from "../../lib/props";
import { INGRESS_TOKENS, isPatchToken } from "../../lib/kubernetes/types";

/** A TLS host covers a rule host when equal, or as `*.<domain>` for exactly one more label. */
export function covers(tlsHost: string, host: string): boolean {
  const t = tlsHost.toLowerCase();
  const h = host.toLowerCase();
  if (t === h) {
    return true;
  }
  if (!t.startsWith("*.")) {
    return false;
  }
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot + 1) === t.slice(2) && !h.startsWith("*");
}

export default resourcePolicy({
  name: "kubernetes-networking-ingress-require-tls",
  description:
    "Ingresses must terminate TLS for every host they route: spec.tls must be present and list each spec.rules[*].host (exactly or through a *.domain wildcard), and a rule without a host needs a spec.tls entry without hosts (the controller's default certificate). Otherwise credentials and annotation data cross the network in plain HTTP.",
  severity: "high",
  remediation:
    "Add a spec.tls entry whose hosts list every rule host, with a secretName holding the certificate (for example issued by cert-manager), and give every rule a host.",
  controls: { nist: ["SC-8", "SC-8(1)", "SC-23"], cis: ["CIS EKS 1.8.0 5.4.5"] },
  concern: "encryption",
  resourceTypes: INGRESS_TOKENS,
  check(resource, report) {
    const tls = arr(get(resource.props, "spec.tls")).map((t) => rec(t));
    const rules = arr(get(resource.props, "spec.rules")).map((r) => rec(r));
    if (tls.length === 0) {
      if (!isPatchToken(resource.type)) {
        report("Ingress has no spec.tls, so it serves plain HTTP");
      }
      return;
    }
    const tlsHosts = tls.flatMap((t) => strings(t.hosts));
    const defaultCertificate = tls.some((t) => strings(t.hosts).length === 0);
    const uncovered: string[] = [];
    rules.forEach((rule, i) => {
      const host = str(rule.host) ?? "";
      if (host === "") {
        if (!defaultCertificate) {
          uncovered.push(`rule ${i} (no host)`);
        }
      } else if (!defaultCertificate && !tlsHosts.some((t) => covers(t, host))) {
        uncovered.push(`"${host}"`);
      }
    });
    if (uncovered.length > 0) {
      report(`Ingress routes hosts that spec.tls does not cover: ${uncovered.join(", ")}`);
    }
  },
});
