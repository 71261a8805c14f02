import { get, isRecord, strings } from "../../lib/props";
import { containerLabel } from "../../lib/kubernetes/describe";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

interface Config {
  readonly requiredLimits: readonly string[];
}

const policy = podPolicy<Config>({
  name: "kubernetes-core-pod-require-resource-limits",
  description:
    "Containers and init containers should declare resource limits (by default cpu and memory in resources.limits). Without limits one compromised or faulty pod can exhaust its node and starve the other tenants' pods. Ephemeral containers cannot declare resources and are not judged.",
  severity: "low",
  remediation:
    "Set resources.limits.cpu and resources.limits.memory (and matching requests) on every container and init container, sized from observed usage.",
  controls: { nist: ["SC-6", "SC-5"] },
  concern: "workload-security",
  configSchema: {
    properties: {
      requiredLimits: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: ["cpu", "memory"],
        description: "Resource names every container must limit.",
      },
    },
  },
  check(pod, report, config) {
    if (pod.patch) {
      return;
    }
    const required = strings(config.requiredLimits);
    const parts: string[] = [];
    for (const c of pod.containers) {
      if (c.list === "ephemeralContainers") {
        continue;
      }
      const limits = get(c.props, "resources.limits");
      const missing = required.filter(
        (r) => !isRecord(limits) || limits[r] === undefined || limits[r] === null,
      );
      if (missing.length > 0) {
        parts.push(`${containerLabel(c)} (${missing.join(", ")})`);
      }
    }
    if (parts.length > 0) {
      report(`containers have no resource limits for: ${parts.join(", ")}`);
    }
  },
});

/**
 * At the pack's level (mandatory): an unbounded container is a denial-of-service lever against
 * the annotators, one of the attacks enclave defends against. A stack may lower it in enclave:policy.
 */
export default policy;
