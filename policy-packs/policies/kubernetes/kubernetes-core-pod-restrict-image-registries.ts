import { str, strings } from "../../lib/props";
import { cisKubernetes, containerLabel } from "../../lib/kubernetes/describe";
import { isFromAllowedRegistry, isPinnedByDigest, parseImage } from "../../lib/kubernetes/images";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

interface Config {
  readonly allowedRegistries: readonly string[];
}

/**
 * No registry is trusted until the stack names its own (a private ECR or Artifact Registry, a
 * mirror): meanwhile only images pinned by digest pass, whatever their registry, since a digest
 * fixes the content. A public registry is never trusted by default.
 */
export const DEFAULT_ALLOWED_REGISTRIES: readonly string[] = [];

const CONFIGURE =
  "allowedRegistries is not configured, so only images pinned by digest are accepted: set kubernetes-core-pod-restrict-image-registries.allowedRegistries in the stack's enclave:policy to the registries the stack trusts (its private ECR or Artifact Registry, its mirror), or pin the images by digest";

export default podPolicy<Config>({
  name: "kubernetes-core-pod-restrict-image-registries",
  description:
    "Container images must come from a registry the stack allows (configuration allowedRegistries: registry hosts, or hosts with a path prefix such as ghcr.io/acme; * matches within one component). Until the stack configures its registries, none is trusted and only images pinned by digest pass. Images from other registries escape the scanning, signing and availability guarantees the operator relies on.",
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
        default: [...DEFAULT_ALLOWED_REGISTRIES],
        description:
          "Registry hosts or host/path prefixes images may come from; * matches within one component. Empty (the default): no registry is trusted and only images pinned by digest pass.",
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
      const accepted =
        ref !== undefined &&
        (allowed.length === 0 ? isPinnedByDigest(ref) : isFromAllowedRegistry(ref, allowed));
      if (!accepted) {
        bad.push(`${containerLabel(c)} (${image})`);
      }
    }
    if (bad.length > 0 && allowed.length === 0) {
      report(`${CONFIGURE}. Not pinned: ${bad.join(", ")}`);
    } else if (bad.length > 0) {
      report(
        `images come from registries outside allowedRegistries (${allowed.join(", ")}): ${bad.join(", ")}`,
      );
    }
  },
});
