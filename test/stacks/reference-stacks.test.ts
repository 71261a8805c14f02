import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReviewedResource, StackReview } from "../../review/model";
import { listStacks, loadProgram } from "../../review/program";
import { discoverPacks, runReview } from "../../review/review";
import clusterAdmin from "../../policy-packs/policies/aws/aws-eks-accesspolicyassociation-restrict-cluster-admin";
import rootTrust from "../../policy-packs/policies/aws/aws-iam-role-disallow-unconditional-root-trust";
import { stackViolationsOf, violationsOf } from "../helpers/aws-policies";

/**
 * Every reference stack in stacks/ reviews clean, offline, through the real reviewer: the
 * program under the mock engine and every enclave pack over the analyzer protocol, at the
 * levels the packs ship (mandatory).
 */
const ROOT = path.resolve(__dirname, "../..");
let reviews: StackReview[];

beforeAll(async () => {
  reviews = await runReview({
    programDir: ROOT,
    stacks: { kind: "all" },
    packDirs: discoverPacks(),
    awsAccountId: "123456789012",
    organization: "organization",
    today: new Date().toISOString().slice(0, 10),
  });
}, 240_000);

const ofType = (r: StackReview, type: string) => r.resources.filter((x) => x.type === type);
const review = (stack: string) => reviews.find((r) => r.stack === stack)!;

describe("reference stacks", () => {
  it("are the stacks in stacks/, each reviewed", () => {
    expect(reviews.map((r) => r.stack)).toEqual(listStacks(loadProgram(ROOT)));
    expect(reviews.length).toBeGreaterThanOrEqual(3);
  });

  it("review clean with every pack at mandatory: no error, no violation, nothing waived", () => {
    for (const r of reviews) {
      expect({
        stack: r.stack,
        errors: r.errors,
        violations: r.violations,
        waived: r.waived,
      }).toEqual({
        stack: r.stack,
        errors: [],
        violations: [],
        waived: [],
      });
      expect(r.packs.map((p) => p.name)).toEqual([
        "enclave-data-protection",
        "enclave-encryption",
        "enclave-least-privilege",
        "enclave-workload-security",
      ]);
      expect(
        r.packs.flatMap((p) => p.policies).filter((p) => p.enforcementLevel !== "mandatory"),
      ).toEqual([]);
    }
  });

  it.each(["aws-dev", "aws-prod"])(
    "%s holds the AWS footprint of issue 3, stateful parts protected",
    (stack) => {
      const r = review(stack);
      const protectedAll = (xs: ReviewedResource[]) => xs.every((x) => x.protect);
      const clusters = ofType(r, "aws:eks/cluster:Cluster");
      const keys = ofType(r, "aws:kms/key:Key");
      const buckets = ofType(r, "aws:s3/bucket:Bucket").concat(
        ofType(r, "aws:s3/bucketV2:BucketV2"),
      );
      const databases = ofType(r, "aws:rds/instance:Instance");
      expect(clusters).toHaveLength(1);
      expect(keys.length).toBeGreaterThanOrEqual(4);
      expect(buckets).toHaveLength(2);
      expect(databases).toHaveLength(1);
      expect(ofType(r, "aws:ec2/vpcEndpoint:VpcEndpoint").length).toBeGreaterThanOrEqual(2);
      expect(ofType(r, "aws:ec2/flowLog:FlowLog")).toHaveLength(1);
      expect(protectedAll([...clusters, ...keys, ...buckets, ...databases])).toBe(true);
    },
  );

  it("every stack carries the app layer: restricted namespace, Keycloak, Diffgram, RabbitMQ", () => {
    for (const r of reviews) {
      const namespaces = ofType(r, "kubernetes:core/v1:Namespace");
      const tenant = namespaces.find(
        (n) =>
          (n.inputs["metadata"] as { labels?: Record<string, string> })?.labels?.[
            "pod-security.kubernetes.io/enforce"
          ] === "restricted",
      );
      expect(tenant, r.stack).toBeDefined();
      const workloads = [
        ...ofType(r, "kubernetes:apps/v1:Deployment"),
        ...ofType(r, "kubernetes:apps/v1:StatefulSet"),
      ].map((d) => d.name);
      for (const part of [
        "keycloak",
        "rabbitmq",
        "default",
        "walrus",
        "eventhandlers",
        "frontend",
      ]) {
        expect(
          workloads.some((n) => n.includes(part)),
          `${r.stack}: ${part} in ${workloads.join(", ")}`,
        ).toBe(true);
      }
    }
  });

  it("aws-prod: operators reach the tenant namespace only, through the group the RoleBinding names; cluster admin is break-glass", () => {
    const r = review("aws-prod");
    const entries = ofType(r, "aws:eks/accessEntry:AccessEntry");
    const operator = entries.filter((e) => e.inputs["kubernetesGroups"] !== undefined);
    expect(operator.map((e) => [e.inputs["principalArn"], e.inputs["kubernetesGroups"]])).toEqual([
      ["arn:aws:iam::123456789012:role/acme-operators", ["enclave:tenant-operators"]],
    ]);
    const binding = ofType(r, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").find(
      (b) => (b.inputs["metadata"] as { name?: string }).name === "tenant-operator",
    );
    expect(binding?.inputs["subjects"]).toEqual([
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "enclave:tenant-operators" },
    ]);
    expect((binding?.inputs["metadata"] as { namespace?: string }).namespace).toBe("enclave-acme");
    // The one cluster-wide association is the break-glass role's.
    const associations = ofType(r, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    const role = ofType(r, "aws:iam/role:Role").find((x) => x.name.endsWith("-cluster-admin"))!;
    expect(associations.map((a) => a.outputs["principalArn"])).toEqual([role.outputs["arn"]]);
    expect(role.outputs["tags"]).toMatchObject({ "enclave:break-glass": "true" });
  });

  it("aws-prod: the two operator policies judge the reviewed resources and fire once the marks are gone", () => {
    const r = review("aws-prod");
    const asStack = (strip: boolean) =>
      r.resources
        .filter((x) => x.custom)
        .map((x) => {
          const tags = { ...(x.outputs["tags"] as Record<string, string> | undefined) };
          const tagsAll = { ...(x.outputs["tagsAll"] as Record<string, string> | undefined) };
          if (strip) {
            delete tags["enclave:break-glass"];
            delete tagsAll["enclave:break-glass"];
          }
          return { type: x.type, name: x.name, props: { ...x.outputs, tags, tagsAll } };
        });
    expect(stackViolationsOf(clusterAdmin, asStack(false))).toEqual([]);
    expect(stackViolationsOf(clusterAdmin, asStack(true)).map((v) => v.urn)).toEqual([
      expect.stringContaining("AccessPolicyAssociation::enclave-acme-prod-cluster-admin-0"),
    ]);
    const role = ofType(r, "aws:iam/role:Role").find((x) => x.name.endsWith("-cluster-admin"))!;
    expect(violationsOf(rootTrust, "aws:iam/role:Role", { ...role.inputs })).toEqual([]);
    const preFix = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountPrincipals",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "sts:AssumeRole",
        },
      ],
    });
    expect(
      violationsOf(rootTrust, "aws:iam/role:Role", { ...role.inputs, assumeRolePolicy: preFix }),
    ).toHaveLength(1);
  });
});
