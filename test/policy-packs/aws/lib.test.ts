import { describe, expect, it } from "vitest";
import {
  awsManagedPolicyName,
  globMatch,
  isServiceWildcardAction,
  isWildcardResource,
  limitsCallers,
  limitsResources,
  statements,
} from "../../../policy-packs/lib/aws/iam";
import { customerKeyProblem } from "../../../policy-packs/lib/aws/common";
import { tlsPolicyMeets } from "../../../policy-packs/lib/aws/lb";
import { joinReferences } from "../../../policy-packs/lib/stack";
import { stackResources } from "../../helpers/policy";
import { UNKNOWN_STRING } from "../../helpers/aws-policies";

describe("IAM documents", () => {
  it("reads string and object documents, single and listed statements", () => {
    const single = statements(
      '{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}',
    );
    expect(single.map((s) => [s.label, s.allow, s.actions, s.resources])).toEqual([
      ["statement 1", true, ["s3:GetObject"], ["*"]],
    ]);
    const listed = statements({
      Statement: [{ Sid: "A", Effect: "Deny", NotAction: ["iam:*"], NotResource: "arn:x" }],
    });
    expect(listed.map((s) => [s.label, s.deny, s.notActions, s.notResources])).toEqual([
      ['statement "A"', true, ["iam:*"], ["arn:x"]],
    ]);
    expect(statements("{bad")).toEqual([]);
    expect(statements(42)).toEqual([]);
    expect(statements({ Statement: [null, "x"] })).toEqual([]);
  });
  it("classifies actions and resources", () => {
    expect(["*", "*:*", "s3:*", "*:Get*"].map(isServiceWildcardAction)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["s3:Get*", "s3:GetObject"].map(isServiceWildcardAction)).toEqual([false, false]);
    expect(["*", "arn:aws:s3:::*", "arn:aws:s3:::*/*"].map(isWildcardResource)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      ["arn:aws:s3:::bucket/*", "arn:aws:kms:eu-west-1:1:key/abc", "bucket"].map(
        isWildcardResource,
      ),
    ).toEqual([false, false, false]);
    expect(globMatch("ec2:Describe*", "EC2:DescribeInstances")).toBe(true);
    expect(globMatch("*:List*", "s3:ListBucket")).toBe(true);
    expect(globMatch("s3:Get?bject", "s3:GetObject")).toBe(true);
    expect(globMatch("s3:Get*", "s3:PutObject")).toBe(false);
  });
  it("tells caller and resource conditions apart", () => {
    expect(limitsCallers({ StringEquals: { "aws:PrincipalOrgID": "o-1" } })).toBe(true);
    expect(
      limitsCallers({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-1/r-1/*" } }),
    ).toBe(true);
    expect(limitsCallers({ StringLike: { "aws:PrincipalArn": "*" } })).toBe(false);
    expect(limitsCallers({ StringNotEquals: { "aws:PrincipalAccount": "1" } })).toBe(false);
    expect(limitsCallers({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } })).toBe(true);
    expect(limitsCallers({ IpAddress: { "aws:SourceIp": ["0.0.0.0/0"] } })).toBe(false);
    expect(limitsResources({ StringEquals: { "ec2:ResourceTag/tenant": "a" } })).toBe(true);
    expect(limitsResources({ StringEquals: { "aws:PrincipalOrgID": "o-1" } })).toBe(false);
  });
  it("names AWS-managed policies in every partition and path", () => {
    expect(awsManagedPolicyName("arn:aws:iam::aws:policy/AdministratorAccess")).toBe(
      "AdministratorAccess",
    );
    expect(
      awsManagedPolicyName("arn:aws-cn:iam::aws:policy/service-role/AmazonEKSClusterPolicy"),
    ).toBe("AmazonEKSClusterPolicy");
    expect(
      awsManagedPolicyName("arn:aws:iam::111122223333:policy/AdministratorAccess"),
    ).toBeUndefined();
  });
});

describe("small readers", () => {
  it("customerKeyProblem recognises AWS-managed keys", () => {
    expect(customerKeyProblem("arn:aws:kms:eu-west-1:1:key/abc", "k")).toBeUndefined();
    expect(customerKeyProblem("alias/tenant-a", "k")).toBeUndefined();
    expect(customerKeyProblem("alias/aws/s3", "k")).toBe('k is "alias/aws/s3", an AWS-managed key');
    expect(customerKeyProblem(undefined, "k")).toBe("k is not set, so the AWS-managed key is used");
    expect(customerKeyProblem(7, "k")).toBe("k is not a key ARN or id");
  });
  it("tlsPolicyMeets follows the ELB naming scheme", () => {
    expect(tlsPolicyMeets("ELBSecurityPolicy-TLS13-1-2-2021-06", "1.2")).toBe(true);
    expect(tlsPolicyMeets("ELBSecurityPolicy-FS-1-2-Res-2020-10", "1.2")).toBe(true);
    expect(tlsPolicyMeets("ELBSecurityPolicy-2016-08", "1.2")).toBe(false);
    expect(tlsPolicyMeets("ELBSecurityPolicy-TLS13-1-2-2021-06", "1.3")).toBe(false);
    expect(tlsPolicyMeets("ELBSecurityPolicy-TLS13-1-3-2021-06", "1.3")).toBe(true);
  });
});

describe("joinReferences", () => {
  const spec = { sourceProp: "bucket", targetKeys: ["bucket", "id"] };
  const run = (inputs: Parameters<typeof stackResources>[0]) => {
    const rs = stackResources(inputs);
    const targets = rs.filter((r) => r.type === "t");
    const joined = joinReferences(
      targets,
      rs.filter((r) => r.type === "s"),
      spec,
    );
    return Object.fromEntries(
      [...joined].map(([t, j]) => [
        t.name,
        { related: j.related.map((r) => r.name), uncertain: j.uncertain },
      ]),
    );
  };
  it("prefers propertyDependencies, then matches values", () => {
    expect(
      run([
        { type: "t", name: "a", props: { bucket: "a-name" } },
        { type: "t", name: "b", props: { id: "b-id" } },
        {
          type: "s",
          name: "s1",
          props: { bucket: "b-id" },
          propertyDependencies: { bucket: ["a"] },
        },
        { type: "s", name: "s2", props: { bucket: "b-id" } },
      ]),
    ).toEqual({
      a: { related: ["s1"], uncertain: false },
      b: { related: ["s2"], uncertain: false },
    });
  });
  it("is uncertain only when an unknown value could still match", () => {
    expect(
      run([
        { type: "t", name: "a", props: { bucket: "a" } },
        { type: "s", name: "s1", props: { bucket: UNKNOWN_STRING } },
      ]),
    ).toEqual({ a: { related: [], uncertain: true } });
    expect(
      run([
        { type: "t", name: "a", props: { bucket: UNKNOWN_STRING } },
        { type: "t", name: "b", props: { bucket: "b" } },
        { type: "s", name: "s1", props: { bucket: "elsewhere" } },
      ]),
    ).toEqual({ a: { related: [], uncertain: true }, b: { related: [], uncertain: false } });
    expect(run([{ type: "t", name: "a", props: { bucket: UNKNOWN_STRING } }])).toEqual({
      a: { related: [], uncertain: false },
    });
  });
});
