import { beforeAll, describe, expect, it } from "vitest";
import isolation from "../../policy-packs/policies/pulumi/pulumi-stack-tenant-enforce-isolation";
import { runProgram, setAwsMocks, type RecordedResource } from "../helpers/aws-target-mocks";
import { readStackFile } from "../helpers/aws-target-stack";
import { runStackPolicy, type StackResourceInput } from "../helpers/policy";

/**
 * Two dedicated tenants built by the real AWS target (acme and beta, both from aws-dev), as a
 * platform holding both would see them: the isolation policy is silent on the kit's own shape,
 * and fires once one tenant's role is pointed at the other's bucket or key.
 */
type Config = typeof import("../../stacks/config");
type Target = typeof import("../../stacks/targets/aws");
let resources: RecordedResource[];

beforeAll(async () => {
  await setAwsMocks();
  const cfg: Config = await import("../../stacks/config");
  const target: Target = await import("../../stacks/targets/aws");
  const parse = (tenant: string) =>
    cfg.parseStackConfig(
      {
        ...readStackFile("aws-dev"),
        "enclave:tenant": tenant,
        "enclave:domain": `annotate.${tenant}-dev.example.com`,
      },
      { project: "enclave", stack: `aws-${tenant}-dev` },
    );
  const acme = parse("acme");
  const beta = parse("beta");
  ({ resources } = await runProgram(() => {
    target.buildAwsTarget(acme);
    target.buildAwsTarget(beta);
  }));
});

/** The resources as a stack policy sees them after the update: outputs, including the id. */
function asStack(edit: (r: RecordedResource) => Record<string, unknown> = (r) => r.state) {
  return resources
    .filter((r) => !r.type.startsWith("enclave:") && !r.type.startsWith("pulumi:"))
    .map((r): StackResourceInput => ({
      type: r.type,
      name: r.name,
      props: { ...edit(r), id: r.id },
      opts: { protect: r.protect ?? false },
    }));
}

const stateOf = (type: string, name: string) => {
  const r = resources.find((x) => x.type === type && x.name === name);
  if (!r) {
    throw new Error(`no ${type} ${name}`);
  }
  return r.state;
};

describe("isolation over two tenants built by the kit", () => {
  it("is silent on the kit's own two tenants", () => {
    const stack = asStack();
    expect(stack.filter((r) => r.name.startsWith("enclave-beta-dev")).length).toBeGreaterThan(50);
    expect(runStackPolicy(isolation, stack).violations).toEqual([]);
  });

  it("fires when acme's break-glass role is pointed at beta's bucket", () => {
    const acmeBucket = stateOf("aws:s3/bucket:Bucket", "enclave-acme-dev-data-bucket").bucket;
    const betaBucket = stateOf("aws:s3/bucket:Bucket", "enclave-beta-dev-data-bucket").bucket;
    const stack = asStack((r) =>
      r.name === "enclave-acme-dev-break-glass-bucket"
        ? { ...r.state, policy: String(r.state.policy).split(acmeBucket).join(betaBucket) }
        : r.state,
    );
    const found = runStackPolicy(isolation, stack).violations.map((v) => v.message);
    expect(found).toEqual([
      `RolePolicy "enclave-acme-dev-break-glass-bucket" of tenant "acme" names tenant "beta": "arn:aws:s3:::${betaBucket}" in policy, statement "TenantBucketProtection". A tenant's grants name only its own resources, identities and namespaces: remove the reference.`,
    ]);
  });

  it("fires when acme's break-glass role is pointed at beta's storage key", () => {
    const acmeKey = stateOf("aws:kms/key:Key", "enclave-acme-dev-storage-key").arn;
    const betaKey = stateOf("aws:kms/key:Key", "enclave-beta-dev-storage-key").arn;
    expect(betaKey).not.toEqual(acmeKey);
    const stack = asStack((r) =>
      r.name === "enclave-acme-dev-break-glass-bucket"
        ? { ...r.state, policy: String(r.state.policy).split(acmeKey).join(betaKey) }
        : r.state,
    );
    const found = runStackPolicy(isolation, stack).violations.map((v) => v.message);
    expect(found).toEqual([
      `RolePolicy "enclave-acme-dev-break-glass-bucket" of tenant "acme" names tenant "beta": "${betaKey}" (Key "enclave-beta-dev-storage-key") in policy, statement "TenantKeyThroughS3". A tenant's grants name only its own resources, identities and namespaces: remove the reference.`,
    ]);
  });

  it("fires when a tenant's bucket loses its tag", () => {
    const stack = asStack((r) =>
      r.name === "enclave-beta-dev-data-bucket" ? { ...r.state, tags: {} } : r.state,
    );
    const found = runStackPolicy(isolation, stack).violations.map((v) => v.message);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^Bucket "enclave-beta-dev-data-bucket" belongs to tenant "beta" \(named "enclave-beta-dev-data-111122223333"\) but does not carry the tag enclave:tenant=beta\./,
    );
  });
});
