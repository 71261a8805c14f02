import type { ResourceValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { resourcePolicy, stackPolicy } from "../../policy-packs/lib/define";
import { ALL_POLICIES } from "../../policy-packs/policies";
import { isStackPolicy, options, runResourcePolicy, runStackPolicy } from "../helpers/policy";

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

const joins = stackPolicy({
  name: "fixture-bucket-joins",
  description: "A fixture over buckets and what points at them.",
  severity: "high",
  remediation: "None; a fixture.",
  controls: { nist: ["SC-28"] },
  concern: "encryption",
  resourceTypes: ["aws:s3/bucketV2:BucketV2"],
  check: (resources, report) => {
    for (const r of resources) {
      if (r.props["bad"] === true) {
        report("bad", r.urn);
      }
    }
  },
});

describe("stackPolicy", () => {
  it("is not applicable to a stack without any resource of its types, naming them", () => {
    expect(
      runStackPolicy(joins, [{ type: "aws:kms/key:Key", name: "k", props: { bad: true } }]),
    ).toEqual({
      violations: [],
      notApplicable:
        "Policy only applies to stacks with resources of type aws:s3/bucketV2:BucketV2",
    });
    expect(runStackPolicy(joins, [])).toMatchObject({ notApplicable: expect.any(String) });
  });

  it("judges a stack holding one of its types (every resource is passed to the check)", () => {
    const result = runStackPolicy(joins, [
      { type: "aws:s3/bucketV2:BucketV2", name: "b", props: {} },
      { type: "aws:kms/key:Key", name: "k", props: { bad: true } },
    ]);
    expect(result.notApplicable).toBeUndefined();
    expect(result.violations.map((v) => v.message)).toEqual(["bad"]);
  });

  it("names the types it judges in resource-type tags, the only way a reviewer learns them over the protocol", () => {
    expect(joins.tags).toContain("resource-type:aws:s3/bucketV2:BucketV2");
    for (const p of ALL_POLICIES.filter(isStackPolicy)) {
      expect(p.enclave.resourceTypes?.length, p.name).toBeGreaterThan(0);
      expect(
        p.tags?.filter((t) => t.startsWith("resource-type:")),
        p.name,
      ).toEqual(p.enclave.resourceTypes?.map((t) => `resource-type:${t}`));
    }
  });
});
