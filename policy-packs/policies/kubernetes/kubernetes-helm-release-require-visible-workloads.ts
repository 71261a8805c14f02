import { stackPolicy } from "../../lib/define";
import { get, str } from "../../lib/props";
import { forEachKnown, ofTypes } from "../../lib/stack";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const CHARTS = ["kubernetes:helm.sh/v3:Chart", "kubernetes:helm.sh/v4:Chart"];

const chartOf = (props: unknown) => {
  const chart = str(get(props, "chart")) ?? "(unnamed chart)";
  const version = str(get(props, "version"));
  return version === undefined ? `"${chart}" (no version)` : `"${chart}" ${version}`;
};

export default stackPolicy({
  name: "kubernetes-helm-release-require-visible-workloads",
  description:
    "Every workload a stack installs should be a resource the packs can judge. A Helm release (kubernetes:helm.sh/v3:Release) is one resource: the Deployments, roles, webhooks and CRDs its chart renders are created by the provider inside the cluster and never reach the policy packs or the image list, so no policy judges their pods, RBAC or images, and nothing pins what the chart repository serves. A Helm Chart component (helm.sh/v3 or v4 Chart) is visible only when its rendered objects are registered as its children. Advisory: it says what the packs did not see.",
  severity: "medium",
  remediation:
    "Install the software as typed objects (as enclave does for Traefik and cert-manager), or as a rendered manifest registered object by object (e.g. kubernetes:yaml/v2:ConfigGroup over a vendored file whose SHA-256 is checked before use), so the packs judge every object. A release that must stay is waived for that resource, with the reason and an expiry, and its rendered objects (helm template at the pinned version) reviewed by hand.",
  controls: { nist: ["CM-8", "SA-10", "SR-4"] },
  concern: "supply-chain",
  enforcementLevel: "advisory",
  resourceTypes: [RELEASE, ...CHARTS],
  check(resources, report) {
    const parents = new Set(
      resources.map((r) => r.parent?.urn).filter((u): u is string => u !== undefined),
    );
    forEachKnown(ofTypes(resources, [RELEASE]), (r) => {
      report(
        `Helm release of chart ${chartOf(r.props)} is one resource: the objects its chart renders are not resources of the stack, so no policy judged its workloads, roles or images.`,
        r.urn,
      );
    });
    forEachKnown(ofTypes(resources, CHARTS), (r) => {
      if (!parents.has(r.urn)) {
        report(
          `Helm chart ${chartOf(r.props)} registered none of its rendered objects as resources, so no policy judged its workloads, roles or images.`,
          r.urn,
        );
      }
    });
  },
});
