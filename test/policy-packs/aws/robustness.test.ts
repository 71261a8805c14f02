/**
 * No aws policy throws on empty, partial, mistyped, random or unknown (preview) inputs, whatever
 * config it is given. (Metadata, files and registration are checked for every provider in
 * ../metadata.test.ts.)
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { awsPolicies } from "../../../policy-packs/policies/aws";
import type { EnclaveResourcePolicy, EnclaveStackPolicy } from "../../../policy-packs/lib/define";
import {
  isStackPolicy,
  runResourcePolicy,
  runStackPolicy,
  type StackResourceInput,
} from "../../helpers/policy";
import { skipAnalyzerReplay } from "../../helpers/fixture-recorder";
import { UNKNOWN_STRING } from "../../helpers/aws-policies";

// Random bags, not fixtures: the fixture suites replay theirs through the analyzer protocol.
skipAnalyzerReplay();

const POLICY_DIR = path.resolve(__dirname, "../../../policy-packs/policies/aws");
const LIB_DIR = path.resolve(__dirname, "../../../policy-packs/lib/aws");

const resourcePolicies = awsPolicies.filter((p): p is EnclaveResourcePolicy => !isStackPolicy(p));
const stackPolicies = awsPolicies.filter(isStackPolicy) as EnclaveStackPolicy[];

/** Property names the aws policies read, so random bags hit the code paths. */
const PROPERTY_NAMES = (() => {
  const names = new Set([
    "Statement",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
    "AWS",
    "Federated",
    "Sid",
    "id",
    "arn",
    "name",
  ]);
  const sources = [POLICY_DIR, LIB_DIR].flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8")),
  );
  for (const source of sources) {
    for (const m of source.matchAll(/props\.([A-Za-z0-9]+)/g)) {
      names.add(m[1]!);
    }
    for (const m of source.matchAll(/get\([^,]+, "([A-Za-z0-9.]+)"\)/g)) {
      m[1]!.split(".").forEach((n) => names.add(n));
    }
  }
  return [...names];
})();

const leaf = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    UNKNOWN_STRING,
    "*",
    "0.0.0.0/0",
    "true",
    "Allow",
    "aws:kms",
    "HTTP",
    "required",
    "secrets",
    "Enabled",
    "arn:aws:iam::111122223333:root",
    "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
    "cluster",
  ),
);
const value = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("node"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...PROPERTY_NAMES), tie("node"), { maxKeys: 4 }),
  ),
})).node;
const bag = fc.dictionary(fc.constantFrom(...PROPERTY_NAMES), value, {
  maxKeys: 8,
}) as fc.Arbitrary<Record<string, unknown>>;
const configBag = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
);

describe("aws resource policies never throw", () => {
  for (const policy of resourcePolicies) {
    it(`${policy.name}: empty, mistyped and random property bags`, () => {
      for (const type of policy.enclave.resourceTypes ?? []) {
        expect(() => runResourcePolicy(policy, { type, props: {} })).not.toThrow();
        const mistyped = Object.fromEntries(PROPERTY_NAMES.map((n) => [n, 42]));
        expect(() => runResourcePolicy(policy, { type, props: mistyped })).not.toThrow();
        const unknown = Object.fromEntries(PROPERTY_NAMES.map((n) => [n, UNKNOWN_STRING]));
        expect(() => runResourcePolicy(policy, { type, props: unknown })).not.toThrow();
      }
      const types = fc.constantFrom(...(policy.enclave.resourceTypes ?? []));
      fc.assert(
        fc.property(types, bag, configBag, (type, props, config) => {
          runResourcePolicy(policy, {
            type,
            props,
            config: config as Record<string, unknown> | undefined,
          });
        }),
        { numRuns: 60 },
      );
    });
  }
});

const STACK_TYPES = [
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketLogging:BucketLogging",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:ec2/vpc:Vpc",
  "aws:ec2/flowLog:FlowLog",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:wafv2/webAclAssociation:WebAclAssociation",
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:backup/selection:Selection",
  "aws:backup/vault:Vault",
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  "aws:eks/accessEntry:AccessEntry",
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
  "aws:iam/role:Role",
  "aws:iam/user:User",
];

const stack = fc
  .array(
    fc.record({
      type: fc.constantFrom(...STACK_TYPES),
      props: bag,
      deps: fc.array(fc.nat(7), { maxLength: 2 }),
      prop: fc.constantFrom(
        "bucket",
        "vpcId",
        "resourceArn",
        "targetBucket",
        "resources",
        "notResources",
        "backupVaultName",
        "principalArn",
      ),
    }),
    { maxLength: 8 },
  )
  .map((rs) =>
    rs.map((r, i): StackResourceInput => ({
      type: r.type,
      name: `r${i}`,
      props: r.props,
      propertyDependencies: { [r.prop]: r.deps.filter((d) => d < rs.length).map((d) => `r${d}`) },
    })),
  );

describe("aws stack policies never throw", () => {
  for (const policy of stackPolicies) {
    it(`${policy.name}: empty and random stacks`, () => {
      expect(() => runStackPolicy(policy, [])).not.toThrow();
      fc.assert(
        fc.property(stack, (resources) => {
          runStackPolicy(policy, resources);
        }),
        { numRuns: 60 },
      );
    });
  }
});
