import { str, strings } from "../../lib/props";
import { cisKubernetes, containerLabel } from "../../lib/kubernetes/describe";
import { isFromAllowedRegistry, parseImage } from "../../lib/kubernetes/images";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

interface Config {
  readonly allowedRegistries: readonly string[];
}

/** Public registries allowed when the stack does not say otherwise. */
export const DEFAULT_ALLOWED_REGISTRIES = [
  "docker.io",
  "quay.io",
  "ghcr.io",
  "registry.k8s.io",
  "public.ecr.aws",
];

export default podPolicy<Config>({
  name: "kubernetes-core-pod-restrict-image-registries",
  description:
    "Container images must come from a registry the stack allows (configuration allowedRegistries: registry hosts, or hosts with a path prefix such as ghcr.io/acme; * matches within one component). Images from other registries escape the scanning, signing and availability guarantees the operator relies on.",
  severity: "high",
  remediation:
    "Mirror the image into an allowed registry (for air-gapped and SCIF installs, the in-cluster or private registry) and reference it there, or add its registry to this policy's allowedRegistries in the stack's policy configuration with a justification.",
  controls: { nist: ["CM-7(5)", "SI-7", "SR-11"], cis: cisKubernetes("5.5.1") },
  concern: "supply-chain",
  configSchema: {
    properties: {
      allowedRegistries: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: DEFAULT_ALLOWED_REGISTRIES,
        description:
          "Registry hosts or host/path prefixes images may come from; * matches within one component.",
      },
    },
  },
  check(pod, report, config) {
    const allowed = strings(config.allowedRegistries);
    const bad: string[] = [];
    for (const c of pod.containers) {
      const image = str(c.props.image);
      if (image === undefined) {
        continue;
      }
      const ref = parseImage(image);
      if (!ref || !isFromAllowedRegistry(ref, allowed)) {
        bad.push(`${containerLabel(c)} (${image})`);
      }
    }
    if (bad.length > 0) {
      report(
        `images come from registries outside allowedRegistries (${allowed.join(", ")}): ${bad.join(", ")}`,
      );
    }
  },
});
