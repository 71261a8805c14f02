import { describe, expect, it } from "vitest";
import lifecycle from "../../../policy-packs/policies/aws/aws-ecr-repository-configure-lifecycle-policy";
import { urnOf, type StackResourceInput } from "../../helpers/policy";
import { KEY_ARN, UNKNOWN_STRING, stackViolationsOf, withValue } from "../../helpers/aws-policies";

const REPO = "aws:ecr/repository:Repository";
const LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";

const rules = {
  rules: [
    {
      rulePriority: 1,
      description: "expire untagged",
      selection: {
        tagStatus: "untagged",
        countType: "sinceImagePushed",
        countUnit: "days",
        countNumber: 7,
      },
      action: { type: "expire" },
    },
  ],
};
const stack = (): StackResourceInput[] => [
  {
    type: REPO,
    name: "diffgram-repo",
    props: {
      name: "diffgram",
      id: "diffgram",
      imageTagMutability: "IMMUTABLE",
      encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY_ARN }],
    },
  },
  {
    type: LIFECYCLE,
    name: "diffgram-lifecycle",
    props: { repository: "diffgram", policy: JSON.stringify(rules) },
  },
];
const lifecycleAt = (path: string, value: unknown) =>
  stack().map((r) => (r.type === LIFECYCLE ? withValue(r, path, value) : r));

describe("aws-ecr-repository-configure-lifecycle-policy", () => {
  it("passes a repository with a lifecycle policy, joined by name or propertyDependencies", () => {
    expect(stackViolationsOf(lifecycle, stack())).toEqual([]);
    expect(stackViolationsOf(lifecycle, lifecycleAt("props.policy", rules))).toEqual([]);
    expect(
      stackViolationsOf(
        lifecycle,
        stack().map((r) =>
          r.type === LIFECYCLE
            ? {
                ...withValue(r, "props.repository", "x"),
                propertyDependencies: { repository: ["diffgram-repo"] },
              }
            : r,
        ),
      ),
    ).toEqual([]);
  });
  it("flags a repository without a lifecycle policy", () => {
    expect(
      stackViolationsOf(
        lifecycle,
        stack().filter((r) => r.type !== LIFECYCLE),
      ),
    ).toEqual([
      {
        message:
          'ECR repository "diffgram-repo" has no aws.ecr.LifecyclePolicy: every image ever pushed stays pullable. Add a lifecycle policy that expires untagged and old images.',
        urn: urnOf(REPO, "diffgram-repo"),
      },
    ]);
    expect(stackViolationsOf(lifecycle, lifecycleAt("props.repository", "other"))).toHaveLength(1);
  });
  it("flags a lifecycle policy without rules", () => {
    expect(
      stackViolationsOf(lifecycle, lifecycleAt("props.policy", JSON.stringify({ rules: [] }))),
    ).toEqual([
      {
        message:
          'ECR repository "diffgram-repo" has a lifecycle policy without rules: nothing ever expires. Add rules that expire untagged and old images.',
        urn: urnOf(REPO, "diffgram-repo"),
      },
    ]);
  });
  it("stays silent on unknown or unreadable lifecycle documents and an unknown repository reference", () => {
    expect(stackViolationsOf(lifecycle, lifecycleAt("props.policy", UNKNOWN_STRING))).toEqual([]);
    expect(stackViolationsOf(lifecycle, lifecycleAt("props.policy", "{not json"))).toEqual([]);
    expect(stackViolationsOf(lifecycle, lifecycleAt("props.repository", UNKNOWN_STRING))).toEqual(
      [],
    );
  });
});
