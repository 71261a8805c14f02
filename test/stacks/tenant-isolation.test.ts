import { beforeAll, describe, expect, it } from "vitest";
import isolation from "../../policy-packs/policies/pulumi/pulumi-stack-tenant-enforce-isolation";
import { runProgram, setAwsMocks, type RecordedResource } from "../helpers/aws-target-mocks";
import { readStackFile } from "../helpers/aws-target-stack";
import { runStackPolicy, type StackResourceInput } from "../helpers/policy";

/**
 * Two dedicated tenants built by the real AWS target and app layer (acme and beta, both from
 * aws-dev), as a platform holding both would see them: the isolation policy is silent on the kit's
 * own shape, and fires once one tenant's role is pointed at the other's bucket or key, its
 * NetworkPolicy admits the other's namespace, or its RoleBinding names the other's account.
 */
type Config = typeof import("../../stacks/config");
type Target = typeof import("../../stacks/targets/aws");
type App = typeof import("../../components/app");
type AppSettings = typeof import("../../stacks/config/app-settings");
type AwsSettings = typeof import("../../stacks/config/aws-settings");
let resources: RecordedResource[];

beforeAll(async () => {
  await setAwsMocks();
  const cfg: Config = await import("../../stacks/config");
  const target: Target = await import("../../stacks/targets/aws");
  const app: App = await import("../../components/app");
  const appSettings: AppSettings = await import("../../stacks/config/app-settings");
  const awsSettings: AwsSettings = await import("../../stacks/config/aws-settings");
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
    for (const config of [acme, beta]) {
      // As stacks/program.ts composes one tenant, each tenant's app layer named for it.
      const { settings } = appSettings.resolveLayerSettings(config.app, {
        ...config,
        auditRetentionDays: awsSettings.auditRetentionDays(config),
      });
      const built = target.buildAwsTarget(config);
      new app.AppLayer(`enclave-${config.tenant}`, {
        platform: built.platform!,
        settings: settings!,
      });
    }
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
  it("is silent on the kit's own two tenants, their namespaces, bindings and NetworkPolicies", () => {
    const stack = asStack();
    expect(stack.filter((r) => r.name.startsWith("enclave-beta-dev")).length).toBeGreaterThan(50);
    const inBeta = (type: string) =>
      stack.filter(
        (r) => r.type === type && (r.props.metadata as any)?.namespace === "enclave-beta",
      ).length;
    expect(inBeta("kubernetes:networking.k8s.io/v1:NetworkPolicy")).toBeGreaterThan(5);
    expect(inBeta("kubernetes:core/v1:Secret")).toBeGreaterThan(5);
    expect(
      stack.filter((r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").length,
    ).toBeGreaterThan(0);
    expect(runStackPolicy(isolation, stack).violations).toEqual([]);
  });

  it("fires when acme's NetworkPolicy admits beta's namespace", () => {
    const stack = asStack((r) => {
      const m = r.state.metadata as { name?: string; namespace?: string } | undefined;
      if (
        r.type !== "kubernetes:networking.k8s.io/v1:NetworkPolicy" ||
        m?.namespace !== "enclave-acme" ||
        m.name !== "keycloak"
      ) {
        return r.state;
      }
      const spec = structuredClone(r.state.spec);
      spec.ingress[0].from.push({
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "enclave-beta" } },
      });
      return { ...r.state, spec };
    });
    const found = runStackPolicy(isolation, stack).violations.map((v) => v.message);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^NetworkPolicy "enclave-acme\/keycloak" of tenant "acme" names tenant "beta": namespace "enclave-beta" in spec\.ingress\[0\]\.from\[\d+\]\.namespaceSelector\./,
    );
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

  it("fires when acme's RoleBinding names a service account of beta's namespace", () => {
    const name = "enclave-acme-certificates-cert-manager-tokenrequest-binding";
    const stack = asStack((r) =>
      r.name === name
        ? {
            ...r.state,
            subjects: [
              { kind: "ServiceAccount", name: "diffgram-default", namespace: "enclave-beta" },
            ],
          }
        : r.state,
    );
    expect(runStackPolicy(isolation, stack).violations.map((v) => v.message)).toEqual([
      'RoleBinding "cert-manager/cert-manager-tokenrequest" of tenant "acme" names tenant "beta": namespace "enclave-beta" in subjects[0].namespace. A tenant\'s grants name only its own resources, identities and namespaces: remove the reference.',
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
