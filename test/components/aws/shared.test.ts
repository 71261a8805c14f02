import { describe, expect, it } from "vitest";
import {
  awsPartitionOf,
  baseTags,
  roleNamePrefix,
  viaService,
  withPurpose,
} from "../../../components/aws/shared";

describe("awsPartitionOf", () => {
  it.each([
    ["eu-west-1", "aws", "amazonaws.com"],
    ["us-gov-west-1", "aws-us-gov", "amazonaws.com"],
    ["cn-north-1", "aws-cn", "amazonaws.com.cn"],
    ["us-iso-east-1", "aws-iso", "c2s.ic.gov"],
    ["us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov"],
  ])("%s -> %s", (region, partition, dnsSuffix) => {
    expect(awsPartitionOf(region)).toEqual({ partition, dnsSuffix });
  });
  it("names the service a KMS call comes through", () => {
    expect(viaService("s3", "cn-north-1", "amazonaws.com.cn")).toBe(
      "s3.cn-north-1.amazonaws.com.cn",
    );
  });
});

describe("roleNamePrefix", () => {
  it("keeps short names and cuts long ones to 38 characters, unique by hash", () => {
    expect(roleNamePrefix("enclave-acme-dev-cluster-role")).toBe("enclave-acme-dev-cluster-role-");
    const a = roleNamePrefix(
      `enclave-${"a".repeat(20)}-staging-cluster-ebs-csi-controller-sa-role`,
    );
    const b = roleNamePrefix(`enclave-${"a".repeat(20)}-staging-cluster-aws-node-role`);
    expect(a.length).toBeLessThanOrEqual(38);
    expect(b.length).toBeLessThanOrEqual(38);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^enclave-a+-[0-9a-f]{8}-$/);
  });
});

describe("tags", () => {
  it("carry tenant, environment, stack, classification, owner and purpose", () => {
    const ctx = {
      tenant: "acme",
      environment: "prod",
      stack: "aws-prod",
      classification: "restricted",
      owner: "acme-data-governance",
    } as const;
    expect(withPurpose(baseTags(ctx), "database")).toEqual({
      "enclave:tenant": "acme",
      "enclave:environment": "prod",
      "enclave:stack": "aws-prod",
      "enclave:classification": "restricted",
      "enclave:owner": "acme-data-governance",
      "managed-by": "pulumi",
      "enclave:purpose": "database",
    });
  });
});
