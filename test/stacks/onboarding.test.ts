import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parse as parseYaml } from "yaml";
import { main as review } from "../../review/cli";
import { run } from "../../stacks/onboarding/cli";

let dir: string;
let stderr: string;
let stdout: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-tenant-new-"));
  stderr = "";
  stdout = "";
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((stdout += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const BASE = {
  "--tenant": "globex",
  "--cloud": "aws",
  "--environment": "dev",
  "--isolation": "dedicated",
  "--domain": "annotate.globex.example.com",
  "--admin-cidr": "198.51.100.0/24",
  "--users-cidr": "203.0.113.0/24",
};
const CLIENT_KEY = "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function args(changes: Record<string, string | undefined> = {}, extra: string[] = []): string[] {
  const flags = { ...BASE, ...changes };
  return [
    ...Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [k, v])),
    "--dir",
    dir,
    ...extra,
  ];
}

/**
 * The reference platform stack's outputs (`--outputs`), which both --platform tenants are reviewed
 * with: the first test that needs them runs that review, the other gets the same exit code and file.
 */
const shared = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-tenant-new-platform-"));
afterAll(() => fs.rmSync(shared, { recursive: true, force: true }));
let platformReview: Promise<{ code: number; outputs: string }> | undefined;
function platformOutputs(): Promise<{ code: number; outputs: string }> {
  platformReview ??= (async () => {
    const outputs = path.join(shared, "platform-outputs.json");
    const code = await review(["--stack", "aws-platform", "--outputs", outputs, "--quiet"]);
    return { code, outputs };
  })();
  return platformReview;
}

const config = (file: string) =>
  (parseYaml(fs.readFileSync(path.join(dir, file), "utf8")) as { config: Record<string, unknown> })
    .config;

describe("npm run tenant:new", () => {
  it("writes a dedicated AWS stack from the aws-dev reference that reviews clean as written", async () => {
    expect(run(args(), "2026-12-03")).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(["Pulumi.globex-dev.yaml"]);
    const c = config("Pulumi.globex-dev.yaml");
    expect(c["enclave:tenant"]).toBe("globex");
    expect(c["enclave:allowlist"]).toEqual({
      admin: ["198.51.100.0/24"],
      users: ["203.0.113.0/24"],
    });
    const text = fs.readFileSync(path.join(dir, "Pulumi.globex-dev.yaml"), "utf8");
    expect(text).toContain("from the reference stack Pulumi.aws-dev.yaml");
    expect(text).toContain("example references show the required shape");
    expect(text).not.toMatch(/\bacme\b/);
    expect(stdout).toContain("npm run review -- --stack globex-dev");
    const file = path.join(dir, "Pulumi.globex-dev.yaml");
    expect(await review(["--config", file, "--as-of", "2026-12-03"])).toBe(0);
  }, 120_000);

  it("writes a client-hosted prod stack on an existing cluster that reviews clean as written", async () => {
    const code = run(
      args(
        {
          "--tenant": "initech",
          "--cloud": "kubernetes",
          "--environment": "prod",
          "--isolation": "client-hosted",
        },
        [
          "--client-bucket",
          "initech-data",
          "--client-endpoint",
          "https://s3.initech.example.com",
          "--client-cidr",
          "203.0.113.40/32",
        ],
      ),
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const c = config("Pulumi.initech-prod.yaml");
    expect(c["enclave:clientHosted"]).toEqual({
      bucketName: "initech-data",
      endpoint: "https://s3.initech.example.com",
      cidrs: ["203.0.113.40/32"],
      credentialsSecretName: "enclave-client-store-initech",
    });
    expect((c["enclave:kubernetes"] as Record<string, unknown>)["objectStore"]).toBeUndefined();
    const file = path.join(dir, "Pulumi.initech-prod.yaml");
    expect(await review(["--config", file, "--as-of", "2026-12-03"])).toBe(0);
  }, 120_000);

  it.each(["dev", "prod"])(
    "writes a %s tenant on a platform stack (--platform) that reviews clean with the platform's outputs",
    async (environment) => {
      const code = run(
        args(
          {
            "--tenant": "initech",
            "--environment": environment,
            "--domain": "annotate.initech.example.com",
          },
          ["--platform", "aws-platform"],
        ),
        "2026-12-03",
      );
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const name = `Pulumi.initech-${environment}.yaml`;
      const c = config(name);
      expect(c["enclave:platformStack"]).toBe("aws-platform");
      // No network or cluster key: the platform owns them.
      expect(Object.keys((c["enclave:aws"] as Record<string, unknown>) ?? {}).sort()).toEqual(
        environment === "prod" ? ["clusterAdminPrincipals", "guardDutyDetectorId"] : [],
      );
      const text = fs.readFileSync(path.join(dir, name), "utf8");
      expect(text).toContain("from the reference stack Pulumi.aws-tenant-dedicated.yaml");
      expect(text).not.toMatch(/\bglobex\b/);
      const platform = await platformOutputs();
      expect(platform.code).toBe(0);
      const outputs = platform.outputs;
      const file = path.join(dir, name);
      expect(await review(["--config", file, "--as-of", "2026-12-03"])).toBe(2);
      expect(stderr).toContain('reads StackReference "aws-platform"');
      expect(
        await review([
          "--config",
          file,
          "--stack-outputs",
          `aws-platform=${outputs}`,
          "--as-of",
          "2026-12-03",
        ]),
      ).toBe(0);
    },
    180_000,
  );

  it("writes a client-hosted AWS stack with the client's bucket and key by reference", () => {
    expect(
      run(
        args({ "--isolation": "client-hosted" }, [
          "--client-bucket",
          "globex-data",
          "--client-key",
          CLIENT_KEY,
        ]),
      ),
    ).toBe(0);
    expect(config("Pulumi.globex-dev.yaml")["enclave:clientHosted"]).toEqual({
      bucketName: "globex-data",
      kmsKeyArn: CLIENT_KEY,
    });
  });

  it("writes a client-hosted AWS tenant on a platform, and says the platform must admit its bucket", () => {
    // stacks/Pulumi.aws-client-hosted.yaml is written this way and reviewed with the platform's
    // outputs in test/stacks/reference-stacks.test.ts.
    expect(
      run(
        args({ "--isolation": "client-hosted" }, [
          "--platform",
          "aws-platform",
          "--client-bucket",
          "globex-data",
          "--client-key",
          CLIENT_KEY,
        ]),
      ),
    ).toBe(0);
    const c = config("Pulumi.globex-dev.yaml");
    expect(c["enclave:platformStack"]).toBe("aws-platform");
    expect(c["enclave:clientHosted"]).toEqual({ bucketName: "globex-data", kmsKeyArn: CLIENT_KEY });
    expect(stdout).toContain(
      "Before the first `pulumi up` of globex-dev, add globex-data to enclave:aws.clientBuckets of aws-platform and run `pulumi up` there (its S3 endpoints admit only the client buckets it lists).",
    );
  });

  it.each([
    [
      "a tenant name that is not a DNS label",
      () => args({ "--tenant": "Bad_Name" }),
      '--tenant "Bad_Name" (enclave:tenant): is not a DNS label. Fix: use lower-case letters, digits and inner hyphens only, e.g. "acme-labs".',
    ],
    [
      "an admin network that is the whole internet",
      () => args({ "--admin-cidr": "0.0.0.0/0" }),
      '--admin-cidr "0.0.0.0/0" (enclave:allowlist.admin[0]):',
    ],
    [
      "a users network covering half the internet",
      () => args({ "--users-cidr": "0.0.0.0/1" }),
      '--users-cidr "0.0.0.0/1" (enclave:allowlist.users[0]): is broader than IPv4 /8, a share of the internet rather than a network.',
    ],
    [
      "client-hosted without the client's bucket",
      () => args({ "--isolation": "client-hosted" }, ["--client-key", CLIENT_KEY]),
      "--client-bucket (not set): --isolation client-hosted needs the client's bucket (and on AWS --client-key, the client's KMS key ARN). Fix: add --client-bucket NAME and --client-key ARN as the client gave them.",
    ],
    [
      "client-hosted on AWS without the client's key",
      () => args({ "--isolation": "client-hosted" }, ["--client-bucket", "globex-data"]),
      "--client-key (not set): a client-hosted tenant on AWS encrypts with the client's own KMS key, which the client can revoke. Fix: add --client-key with the full key ARN the client gave you.",
    ],
    [
      "the client's store on a tenant that is not client-hosted",
      () => args({}, ["--client-bucket", "globex-data"]),
      "--client-bucket: the client's store is used only with --isolation client-hosted. Fix: drop the --client-* flags, or set --isolation client-hosted.",
    ],
    [
      "a platform stack off AWS",
      () => args({ "--cloud": "kubernetes" }, ["--platform", "aws-platform"]),
      "--platform aws-platform: tenant stacks take a platform stack's cluster on AWS and GCP only in this version. Fix: use --cloud aws or --cloud gcp, or leave --platform out (the tenant then uses its own cluster).",
    ],
    [
      "a platform stack naming the new stack itself",
      () => args({}, ["--platform", "globex-dev"]),
      '--platform "globex-dev" (enclave:platformStack): names this stack itself.',
    ],
  ])("refuses %s with exit 2, writing nothing", (_label, argv, message) => {
    expect(run(argv())).toBe(2);
    expect(stderr).toContain("nothing was written");
    expect(stderr).toContain(message);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("names every bad flag in one run", () => {
    expect(
      run(args({ "--tenant": "Bad_Name", "--domain": "x", "--users-cidr": "0.0.0.0/1" })),
    ).toBe(2);
    expect(stderr).toMatch(/^tenant:new: 3 problems; nothing was written:\n/);
    expect(
      stderr
        .split("\n")
        .filter((l) => l.startsWith("  - "))
        .map((l) => l.split(" ")[3]),
    ).toEqual(["--tenant", "--domain", "--users-cidr"]);
  });

  it("never overwrites an existing stack file", () => {
    fs.writeFileSync(path.join(dir, "Pulumi.globex-dev.yaml"), "config: {}\n");
    expect(run(args())).toBe(2);
    expect(stderr).toContain(
      "Pulumi.globex-dev.yaml exists already; nothing was overwritten. Fix: choose another name with --stack NAME, or edit that file.",
    );
    expect(fs.readFileSync(path.join(dir, "Pulumi.globex-dev.yaml"), "utf8")).toBe("config: {}\n");
  });

  it("refuses an unknown cloud and a missing flag through its argument parser", () => {
    expect(run(args({ "--cloud": "azure" }))).toBe(2);
    expect(stderr).toContain(
      "option '--cloud <cloud>' argument 'azure' is invalid. Allowed choices are aws, gcp, kubernetes.",
    );
    stderr = "";
    expect(run(args({ "--domain": undefined }))).toBe(2);
    expect(stderr).toContain("required option '--domain <fqdn>' not specified");
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("documents every flag in --help", () => {
    expect(run(["--help"])).toBe(0);
    for (const flag of [
      "--tenant",
      "--cloud",
      "--environment",
      "--isolation",
      "--domain",
      "--admin-cidr",
      "--users-cidr",
      "--platform",
      "--client-bucket",
      "--client-key",
      "--client-endpoint",
      "--client-cidr",
      "--client-credentials-secret",
      "--project",
      "--region",
      "--stack",
      "--dir",
    ]) {
      expect(stdout).toContain(flag);
    }
  });
});
