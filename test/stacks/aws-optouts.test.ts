import { beforeAll, describe, expect, it } from "vitest";
import type { RawConfig } from "../../stacks/config";
import { runProgram, setAwsMocks } from "../helpers/aws-target-mocks";
import { reviewResources } from "../helpers/aws-target-review";
import { readStackFile } from "../helpers/aws-target-stack";

/**
 * Every documented opt-out of a secure default of the AWS target is a config field, and the
 * policy packs flag the stack that uses it. The reference stacks themselves review clean.
 */
type Config = typeof import("../../stacks/config");
type Target = typeof import("../../stacks/targets/aws");
let cfg: Config;
let target: Target;

beforeAll(async () => {
  await setAwsMocks();
  cfg = await import("../../stacks/config");
  target = await import("../../stacks/targets/aws");
});

async function review(raw: RawConfig, stack: string) {
  const config = cfg.parseStackConfig(raw, { project: "enclave", stack });
  const { resources } = await runProgram(() => target.buildAwsTarget(config));
  return reviewResources(resources, config.policy);
}

const withAws = (stack: string, aws: Record<string, unknown>): RawConfig => {
  const raw = readStackFile(stack);
  return {
    ...raw,
    "enclave:aws": JSON.stringify({ ...JSON.parse(raw["enclave:aws"] ?? "{}"), ...aws }),
  };
};

describe("AWS opt-outs are flagged by the packs", () => {
  it.each(["aws-dev", "aws-prod"])("%s reviews clean", async (stack) => {
    expect(await review(readStackFile(stack), stack)).toEqual([]);
  });

  it("objectOwnership BucketOwnerPreferred (ACLs back on the tenant bucket)", async () => {
    const findings = await review(
      withAws("aws-prod", { objectOwnership: "BucketOwnerPreferred" }),
      "aws-prod",
    );
    expect(findings.map((f) => f.resource)).toEqual(["enclave-acme-prod-data-ownership"]);
  });

  it("logRetentionDays below a year (flow, control-plane, container and database logs)", async () => {
    const findings = await review(withAws("aws-dev", { logRetentionDays: 90 }), "aws-dev");
    expect([...new Set(findings.map((f) => f.resource))].sort()).toEqual([
      "enclave-acme-dev-cluster-container-logs-application",
      "enclave-acme-dev-cluster-container-logs-dataplane",
      "enclave-acme-dev-cluster-container-logs-host",
      "enclave-acme-dev-cluster-container-logs-performance",
      "enclave-acme-dev-cluster-control-plane-logs",
      "enclave-acme-dev-database-postgresql-logs",
      "enclave-acme-dev-database-upgrade-logs",
      "enclave-acme-dev-network-flow-logs",
    ]);
  });

  it("publicApiEndpoint true (public EKS API, limited to the admin allowlist)", async () => {
    const findings = await review(withAws("aws-prod", { publicApiEndpoint: true }), "aws-prod");
    expect(findings.map((f) => [f.policy, f.resource])).toEqual([
      ["aws-eks-cluster-disallow-public-endpoint", "enclave-acme-prod-cluster-eks"],
    ]);
  });

  it("objectLock false in prod (no COMPLIANCE retention on the tenant bucket)", async () => {
    const findings = await review(withAws("aws-prod", { objectLock: false }), "aws-prod");
    expect(findings.map((f) => [f.policy, f.resource])).toEqual([
      ["aws-s3-bucket-enable-object-lock-compliance", "enclave-acme-prod-data-bucket"],
    ]);
  });

  it("objectLock GOVERNANCE in prod (bypassable retention)", async () => {
    const findings = await review(
      withAws("aws-prod", { objectLock: { mode: "GOVERNANCE", days: 30 } }),
      "aws-prod",
    );
    expect(findings.map((f) => [f.policy, f.resource])).toEqual([
      ["aws-s3-bucket-enable-object-lock-compliance", "enclave-acme-prod-data-bucket"],
    ]);
  });

  it("containerLogs false (container logs stay on the nodes)", async () => {
    const findings = await review(withAws("aws-dev", { containerLogs: false }), "aws-dev");
    expect(findings.map((f) => [f.policy, f.resource])).toEqual([
      ["aws-eks-cluster-require-log-shipping", "enclave-acme-dev-cluster-eks"],
    ]);
  });

  it("guardDuty false in prod (no detector, and none of the account's named)", async () => {
    const findings = await review(withAws("aws-prod", { guardDuty: false }), "aws-prod");
    expect(findings.map((f) => [f.policy, f.resource])).toEqual([
      ["aws-guardduty-detector-require-enabled", "enclave-acme-prod-cluster-eks"],
    ]);
  });

  it("guardDutyDetectorId in prod instead (the account's detector, named on every resource): clean", async () => {
    const findings = await review(
      withAws("aws-prod", { guardDutyDetectorId: "12abc34d567e8fa901bc2d34e56789f0" }),
      "aws-prod",
    );
    expect(findings).toEqual([]);
  });

  it("database.multiAz false in prod", async () => {
    const findings = await review(
      withAws("aws-prod", { database: { multiAz: false } }),
      "aws-prod",
    );
    expect(findings.map((f) => [f.policy, f.resource])).toEqual([
      ["aws-rds-database-enable-multi-az", "enclave-acme-prod-database-instance"],
    ]);
  });
});
