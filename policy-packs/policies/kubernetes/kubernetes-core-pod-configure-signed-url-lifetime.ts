import { arr, num, rec, str } from "../../lib/props";
import { containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

interface Config {
  /** Longest a presigned object-storage URL may live. */
  readonly maxSeconds: number;
}

/** Diffgram's settings for how long the presigned URLs it hands to browsers live. */
const LIFETIME_VARIABLES = [
  "SIGNED_URL_CACHE_NEW_OFFSET_SECONDS_VALID",
  "SIGNED_URL_CACHE_MINIMUM_SECONDS_VALID",
];

export default podPolicy<Config>({
  name: "kubernetes-core-pod-configure-signed-url-lifetime",
  description:
    "Diffgram containers that serve media (they set DIFFGRAM_STATIC_STORAGE_PROVIDER) must cap the lifetime of the presigned storage URLs they hand out (SIGNED_URL_CACHE_NEW_OFFSET_SECONDS_VALID and SIGNED_URL_CACHE_MINIMUM_SECONDS_VALID) at the configured maximum, one hour by default. Diffgram's own default is six days: a URL copied from a browser, a log or a proxy then reads the training data for days, with no login and no revocation.",
  severity: "medium",
  remediation:
    "Set SIGNED_URL_CACHE_NEW_OFFSET_SECONDS_VALID (and SIGNED_URL_CACHE_MINIMUM_SECONDS_VALID) to at most maxSeconds on every Diffgram container (enclave: enclave:app.signedUrlLifetimeSeconds, default 3600).",
  controls: { nist: ["AC-3", "AC-12", "SC-23"] },
  concern: "least-privilege",
  configSchema: {
    properties: {
      maxSeconds: {
        type: "number",
        default: 3600,
        description: "Longest lifetime of a presigned URL, in seconds.",
      },
    },
  },
  check(pod, report, config) {
    const problems: string[] = [];
    for (const c of pod.containers) {
      const env = new Map(arr(c.props.env).map((e) => [str(rec(e).name) ?? "", rec(e)]));
      // A Diffgram process that serves media has a storage provider (its startup requires one).
      const servesMedia = env.has("DIFFGRAM_STATIC_STORAGE_PROVIDER");
      if (servesMedia && !env.has(LIFETIME_VARIABLES[0]!)) {
        problems.push(
          `${containerLabel(c)} leaves ${LIFETIME_VARIABLES[0]} unset (Diffgram's default is 518400 s)`,
        );
      }
      for (const variable of LIFETIME_VARIABLES) {
        const seconds = num(env.get(variable)?.value);
        if (seconds !== undefined && seconds > config.maxSeconds) {
          problems.push(`${containerLabel(c)} sets ${variable}=${seconds}`);
        }
      }
    }
    if (problems.length > 0) {
      report(`presigned URLs live longer than ${config.maxSeconds} s: ${problems.join("; ")}`);
    }
  },
});
