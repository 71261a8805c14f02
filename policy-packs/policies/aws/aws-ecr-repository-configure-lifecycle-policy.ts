import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { arr, jsonDoc } from "../../lib/props";
import { forEachKnown, joinReferences, ofTypes, tryRead, UNKNOWN } from "../../lib/stack";

const REPOSITORY = "aws:ecr/repository:Repository";
const LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy";

/** The number of rules of a lifecycle policy document; undefined when it cannot be read. */
function ruleCount(lifecycle: PolicyResource): number | undefined {
  const doc = jsonDoc(lifecycle.props.policy);
  return doc === undefined ? undefined : arr(doc.rules).length;
}

export default stackPolicy({
  name: "aws-ecr-repository-configure-lifecycle-policy",
  description:
    "Every ECR repository of the stack must have a lifecycle policy (an aws.ecr.LifecyclePolicy with at least one rule) that expires untagged and superseded images. Without one, every image ever pushed stays pullable: old builds with known vulnerabilities remain one tag away from running again, and storage grows without bound.",
  severity: "low",
  remediation:
    'Add an aws.ecr.LifecyclePolicy { repository: repo.name, policy: JSON.stringify({ rules: [{ rulePriority: 1, description: "expire untagged", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, action: { type: "expire" } }, { rulePriority: 2, description: "keep the last 30 images", selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 30 }, action: { type: "expire" } }] }) }.',
  controls: { nist: ["SI-2", "CM-8", "SR-12"] },
  concern: "supply-chain",
  resourceTypes: [REPOSITORY],
  check(resources, report) {
    const joined = joinReferences(
      ofTypes(resources, [REPOSITORY]),
      ofTypes(resources, [LIFECYCLE_POLICY]),
      { sourceProp: "repository", targetKeys: ["name", "id"] },
    );
    forEachKnown([...joined], ([repo, join]) => {
      if (join.related.length === 0) {
        if (!join.uncertain) {
          report(
            `ECR repository "${repo.name}" has no aws.ecr.LifecyclePolicy: every image ever pushed stays pullable. Add a lifecycle policy that expires untagged and old images.`,
            repo.urn,
          );
        }
        return;
      }
      const counts = join.related.map((l) => tryRead(() => ruleCount(l)));
      if (counts.every((c) => c !== UNKNOWN && c !== undefined && c === 0)) {
        report(
          `ECR repository "${repo.name}" has a lifecycle policy without rules: nothing ever expires. Add rules that expire untagged and old images.`,
          repo.urn,
        );
      }
    });
  },
});
