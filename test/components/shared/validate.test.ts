import { describe, expect, it } from "vitest";
import { validateFootprintArgs } from "../../../components/aws/footprint/validate";
import { validateNodeSizes, validatePublicEndpoint } from "../../../components/aws/eks/validate";
import { formatProblem, under } from "../../../components/shared/problems";
import { validateAllowlist, validateTenancy } from "../../../components/shared/validate";
import { toConfigIssues } from "../../../stacks/config/component-checks";
import { awsFootprintArgs } from "../../../stacks/config/aws-settings";
import { parseStackConfig } from "../../../stacks/config";

/**
 * One check per rule: each rule lives in one component validator, which returns problems on its
 * own argument paths (no config key names); stacks/config maps them to keys.
 */
const KEY = "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const config = parseStackConfig(
  {
    "enclave:cloud": "aws",
    "enclave:environment": "dev",
    "enclave:tenant": "acme",
    "enclave:isolation": "dedicated",
    "enclave:domain": "annotate.example.com",
    "enclave:allowlist": JSON.stringify({ admin: ["198.51.100.0/24"], users: [] }),
    "aws:region": "eu-west-1",
  },
  { project: "enclave", stack: "dev" },
);
const args = awsFootprintArgs({ ...config, awsRegion: "eu-west-1" });

describe("component validators speak argument paths", () => {
  it("the contract: a non-empty admin allowlist, client-hosted exactly with clientHosted", () => {
    expect(validateAllowlist({ admin: [], users: [] })).toEqual([
      {
        path: "admin",
        value: [],
        problem: "is empty, so nobody could reach the admin plane",
        fix: 'list the operators\' networks, e.g. ["198.51.100.0/24"]',
      },
    ]);
    expect(validateTenancy({ isolation: "client-hosted" }).map(formatProblem)).toEqual([
      "clientHosted = (not set): is required when isolation is client-hosted. Fix: set { bucketName, kmsKeyArn } to the bucket and KMS key the client created for you",
    ]);
    expect(
      validateTenancy({ isolation: "shared", clientHosted: { bucketName: "b" } }).map(
        formatProblem,
      ),
    ).toEqual([
      'clientHosted = {"bucketName":"b"}: is set but isolation is shared. Fix: remove it, or set isolation to client-hosted',
    ]);
  });

  it("the footprint: tenancy, admin allowlist and the RDS CA bundle, on its own paths", () => {
    expect(validateFootprintArgs(args)).toEqual([]);
    const bad = {
      ...args,
      isolation: "client-hosted" as const,
      allowlist: { admin: [], users: [] },
      region: "us-gov-west-1",
    };
    expect(validateFootprintArgs(bad).map(formatProblem)).toEqual([
      "clientHosted = (not set): is required when isolation is client-hosted. Fix: set { bucketName, kmsKeyArn } to the bucket and KMS key the client created for you",
      'allowlist.admin = []: is empty, so nobody could reach the admin plane. Fix: list the operators\' networks, e.g. ["198.51.100.0/24"]',
      "settings.database.caBundlePem = (not set): is required in region us-gov-west-1, whose RDS certificate authorities the kit does not ship. Fix: paste the PEM bundle of us-gov-west-1 from AWS's RDS trust store (us-gov-west-1-bundle.pem)",
    ]);
    expect(
      validateFootprintArgs({
        ...bad,
        isolation: "dedicated",
        allowlist: config.allowlist,
        clientHosted: { bucketName: "b", kmsKeyArn: KEY },
        settings: { ...args.settings, database: { ...args.settings.database, caBundlePem: "x" } },
      }).map((p) => p.path),
    ).toEqual(["clientHosted"]);
  });

  it("the cluster: node order and IPv6 on the public endpoint", () => {
    expect(validateNodeSizes({ minSize: 2, desiredSize: 5, maxSize: 4 })).toEqual([
      {
        path: "desiredSize",
        value: 5,
        problem: "is outside minSize..maxSize (2..4)",
        fix: "keep minSize <= desiredSize <= maxSize",
      },
    ]);
    expect(validateNodeSizes({ minSize: 0, desiredSize: 1, maxSize: 1 })[0]!.path).toBe("minSize");
    expect(validateNodeSizes({ minSize: 1, desiredSize: 1, maxSize: 1 })).toEqual([]);
    const cidrs = ["198.51.100.0/24", "2001:db8::/48"];
    expect(validatePublicEndpoint({ publicEndpoint: false, adminCidrs: cidrs })).toEqual([]);
    expect(
      validatePublicEndpoint({ publicEndpoint: true, adminCidrs: cidrs }).map((p) => p.path),
    ).toEqual(["adminCidrs[1]"]);
    expect(under("nodes", [{ path: "minSize", value: 1, problem: "p", fix: "f" }])[0]!.path).toBe(
      "nodes.minSize",
    );
  });

  it("the config maps paths to keys and argument names to the keys that set them", () => {
    expect(
      toConfigIssues(validateTenancy({ isolation: "shared", clientHosted: { bucketName: "b" } }), {
        paths: [["clientHosted", "enclave:clientHosted"]],
        names: { isolation: "enclave:isolation" },
      }),
    ).toEqual([
      {
        key: "enclave:clientHosted",
        value: { bucketName: "b" },
        problem: "is set but enclave:isolation is shared",
        fix: "remove it, or set enclave:isolation to client-hosted",
      },
    ]);
    expect(() =>
      toConfigIssues([{ path: "unmapped", value: 1, problem: "p", fix: "f" }], { paths: [] }),
    ).toThrow("No config key maps the argument path unmapped: add it to the mapping");
  });
});
