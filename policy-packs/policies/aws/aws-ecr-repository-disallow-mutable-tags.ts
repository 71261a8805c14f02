import { resourcePolicy } from "../../lib/define";
import { arr, str } from "../../lib/props";

interface Config {
  readonly allowExclusionFilters: boolean;
}

export default resourcePolicy<Config>({
  name: "aws-ecr-repository-disallow-mutable-tags",
  description:
    "ECR repositories must make image tags immutable. With mutable tags anyone who can push can swap the image behind a tag the cluster already trusts, and a deployment no longer says which code it runs.",
  severity: "high",
  remediation:
    'Set imageTagMutability: "IMMUTABLE" on the aws.ecr.Repository and deploy images by digest.',
  controls: { nist: ["CM-14", "SI-7", "CM-2"] },
  concern: "supply-chain",
  resourceTypes: ["aws:ecr/repository:Repository"],
  configSchema: {
    properties: {
      allowExclusionFilters: {
        type: "boolean",
        default: false,
        description:
          "Accept IMMUTABLE_WITH_EXCLUSION (tags matching the exclusion filters stay mutable).",
      },
    },
  },
  check({ props }, report, config) {
    const mode = str(props.imageTagMutability) ?? "MUTABLE";
    if (mode === "IMMUTABLE") {
      return;
    }
    if (mode === "IMMUTABLE_WITH_EXCLUSION" && config.allowExclusionFilters === true) {
      return;
    }
    const filters = arr(props.imageTagMutabilityExclusionFilters).length;
    report(
      `imageTagMutability is "${mode}"${mode.endsWith("_WITH_EXCLUSION") ? ` (${filters} exclusion filter(s))` : ""}: pushed tags can be overwritten. Set it to "IMMUTABLE".`,
    );
  },
});
