import type { ResourceValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { resourcePolicy } from "../../policy-packs/lib/define";
import { options, runResourcePolicy } from "../helpers/policy";

const policy = resourcePolicy({
  name: "fixture-two-types",
  description: "A fixture over two types.",
  severity: "high",
  remediation: "None; a fixture.",
  controls: { nist: ["SC-28"] },
  concern: "encryption",
  resourceTypes: ["aws:kms/key:Key", "aws:s3/bucketV2:BucketV2"],
  check: (r, report) => {
    if (r.props["bad"] === true) {
      report("bad");
    }
  },
});

describe("resourcePolicy over several types", () => {
  it("judges its types and is not applicable to any other, naming its types", () => {
    expect(runResourcePolicy(policy, { type: "aws:kms/key:Key", props: { bad: true } })).toEqual({
      violations: ["bad"],
    });
    expect(
      runResourcePolicy(policy, { type: "aws:sqs/queue:Queue", props: { bad: true } }),
    ).toEqual({
      violations: [],
      notApplicable:
        "Policy only applies to resources of type aws:kms/key:Key, aws:s3/bucketV2:BucketV2",
    });
  });

  it("throws not-applicable without capturing a stack trace, and restores the process's stack trace limit", () => {
    const before = Error.stackTraceLimit;
    let stack: string | undefined;
    const args = {
      type: "aws:sqs/queue:Queue",
      props: {},
      urn: "urn:pulumi:test::enclave::aws:sqs/queue:Queue::q",
      name: "q",
      opts: options(),
      stackTags: new Map(),
      isType: () => false,
      asType: () => undefined,
      getConfig: () => ({}),
      notApplicable: (reason?: string): never => {
        const e = new Error(reason);
        stack = e.stack;
        throw e;
      },
    } as unknown as ResourceValidationArgs;
    const validate = policy.validateResource as (a: ResourceValidationArgs, r: () => void) => void;
    expect(() => validate(args, () => undefined)).toThrow(
      "Policy only applies to resources of type",
    );
    expect(stack).not.toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(before);
  });
});
