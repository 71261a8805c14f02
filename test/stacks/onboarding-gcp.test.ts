import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parse as parseYaml } from "yaml";
import { main as review } from "../../review/cli";
import { run } from "../../stacks/onboarding/cli";

/** `npm run tenant:new -- --cloud gcp`: a GCP stack of its own, or a tenant on a GCP platform. */
let dir: string;
let stderr: string;
let stdout: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-tenant-new-gcp-"));
  stderr = "";
  stdout = "";
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((stdout += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The reference GCP platform's outputs (`--outputs`), which both --platform tenants are reviewed
 * with: the first test that needs them runs that review, the other gets the same exit code and file.
 */
const shared = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-tenant-new-gcp-platform-"));
afterAll(() => fs.rmSync(shared, { recursive: true, force: true }));
let platformReview: Promise<{ code: number; outputs: string }> | undefined;
function platformOutputs(): Promise<{ code: number; outputs: string }> {
  platformReview ??= (async () => {
    const outputs = path.join(shared, "platform-outputs.json");
    const code = await review(["--stack", "gcp-platform", "--outputs", outputs, "--quiet"]);
    return { code, outputs };
  })();
  return platformReview;
}

const BASE = {
  "--tenant": "initech",
  "--cloud": "gcp",
  "--environment": "dev",
  "--isolation": "dedicated",
  "--domain": "annotate.initech.example.com",
  "--admin-cidr": "10.201.0.0/24",
  "--users-cidr": "203.0.113.0/24",
  "--project": "initech-annotate",
};

function args(changes: Record<string, string | undefined> = {}, extra: string[] = []): string[] {
  const flags = { ...BASE, ...changes };
  return [
    ...Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [k, v])),
    "--dir",
    dir,
    ...extra,
  ];
}

const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");
const config = (file: string) =>
  (parseYaml(read(file)) as { config: Record<string, unknown> }).config;

describe("npm run tenant:new -- --cloud gcp", () => {
  it("writes a GCP stack of its own from gcp-dev that reviews clean as written", async () => {
    expect(run(args({}, ["--region", "europe-west4"]), "2026-12-04")).toBe(0);
    expect(stderr).toBe("");
    const file = "Pulumi.initech-dev.yaml";
    const c = config(file);
    expect([c["gcp:project"], c["gcp:region"], c["enclave:cloud"]]).toEqual([
      "initech-annotate",
      "europe-west4",
      "gcp",
    ]);
    expect(c["enclave:platformStack"]).toBeUndefined();
    const text = read(file);
    expect(text).toContain("from the reference stack Pulumi.gcp-dev.yaml");
    expect(text).toContain("example references show the required shape");
    expect(text).not.toMatch(/\bacme\b/);
    // The example images and registries are moved into the project's own Artifact Registry.
    expect((c["enclave:app"] as { images: Record<string, string> }).images.diffgramDefault).toBe(
      "europe-west4-docker.pkg.dev/initech-annotate/mirror/diffgram/default:1.25.3@sha256:0000000000000000000000000000000000000000000000000000000000000001",
    );
    expect((c["enclave:waivers"] as { resource: string }[]).map((w) => w.resource)).toEqual([
      "enclave-initech-dev-diffgram-storage-key-a",
      "enclave-initech-dev-diffgram-storage-key-b",
    ]);
    expect(await review(["--config", path.join(dir, file), "--as-of", "2026-12-04"])).toBe(0);
  }, 180_000);

  it("writes a prod GCP stack of its own from gcp-prod that reviews clean as written", async () => {
    expect(run(args({ "--environment": "prod" }), "2026-12-04")).toBe(0);
    expect(stderr).toBe("");
    const file = "Pulumi.initech-prod.yaml";
    const text = read(file);
    expect(text).toContain("from the reference stack Pulumi.gcp-prod.yaml");
    expect(text).not.toMatch(/\bacme\b/);
    expect(
      (config(file)["enclave:waivers"] as { resource: string }[]).map((w) => w.resource),
    ).toEqual([
      "enclave-initech-prod-diffgram-storage-key-a",
      "enclave-initech-prod-diffgram-storage-key-b",
    ]);
    expect(await review(["--config", path.join(dir, file), "--as-of", "2026-12-04"])).toBe(0);
  }, 180_000);

  it("names the waivers for the environment it writes (staging from the dev reference)", () => {
    expect(run(args({ "--environment": "staging" }), "2026-12-04")).toBe(0);
    expect(
      (config("Pulumi.initech-staging.yaml")["enclave:waivers"] as { resource: string }[]).map(
        (w) => w.resource,
      ),
    ).toEqual([
      "enclave-initech-staging-diffgram-storage-key-a",
      "enclave-initech-staging-diffgram-storage-key-b",
    ]);
  });

  it.each(["dev", "prod"])(
    "writes a %s tenant on the GCP platform (--platform) that reviews clean with the platform's outputs",
    async (environment) => {
      const code = run(
        args({ "--environment": environment, "--project": "annotate-fleet-dev" }, [
          "--platform",
          "gcp-platform",
        ]),
        "2026-12-04",
      );
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const name = `Pulumi.initech-${environment}.yaml`;
      const c = config(name);
      expect(c["enclave:platformStack"]).toBe("gcp-platform");
      // No VPC or cluster key: the platform owns them.
      expect(c["enclave:gcp"]).toBeUndefined();
      const text = read(name);
      expect(text).toContain("from the reference stack Pulumi.gcp-tenant-dedicated.yaml");
      expect(text).not.toMatch(/\bglobex\b/);
      const { code: platformCode, outputs } = await platformOutputs();
      expect(platformCode).toBe(0);
      const file = path.join(dir, name);
      expect(await review(["--config", file, "--as-of", "2026-12-04"])).toBe(2);
      expect(stderr).toContain('reads StackReference "gcp-platform"');
      expect(
        await review([
          "--config",
          file,
          "--stack-outputs",
          `gcp-platform=${outputs}`,
          "--as-of",
          "2026-12-04",
        ]),
      ).toBe(0);
    },
    240_000,
  );

  it.each([
    [
      "a GCP stack without its project",
      () => args({ "--project": undefined }),
      "--project (not set): a GCP stack is created in one project (gcp:project). Fix: add --project with the project id, e.g. --project acme-annotate-dev (with --platform: the platform's project).",
    ],
    [
      "a project id that is not one",
      () => args({ "--project": "Initech Annotate" }),
      '--project "Initech Annotate" (gcp:project): is not a Google Cloud project id. Fix: use the project id (not its name or number): 6-30 lower-case letters, digits and hyphens, starting with a letter, e.g. "acme-annotate-prod".',
    ],
    [
      "a zone given as the region",
      () => args({}, ["--region", "europe-west1-b"]),
      '--region "europe-west1-b" (gcp:region): is not a Google Cloud region. Fix: use a region (not a zone) such as "europe-west1" or "us-central1".',
    ],
    [
      "--project off GCP",
      () => args({ "--cloud": "aws" }),
      "--project initech-annotate: sets gcp:project, which only --cloud gcp uses. Fix: drop --project, or use --cloud gcp.",
    ],
    [
      "--region on an existing cluster",
      () => args({ "--cloud": "kubernetes", "--project": undefined }, ["--region", "eu-west-1"]),
      "--region eu-west-1: an existing cluster's stack has no cloud region. Fix: drop --region, or use --cloud aws or --cloud gcp.",
    ],
    [
      "client-hosted on GCP (not built)",
      () => args({ "--isolation": "client-hosted" }, ["--client-bucket", "initech-data"]),
      '--isolation "client-hosted" (enclave:isolation): is not built on the GCP target (the client\'s bucket and Cloud KMS key by reference). Fix: use dedicated on GCP, or client-hosted on enclave:cloud aws or kubernetes.',
    ],
  ])("refuses %s with exit 2, writing nothing", (_label, argv, message) => {
    expect(run(argv())).toBe(2);
    expect(stderr).toContain("nothing was written");
    expect(stderr).toContain(message);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("documents --project and --region in --help", () => {
    expect(run(["--help"])).toBe(0);
    const help = stdout.replace(/\s+/g, " ");
    expect(help).toContain(
      "--project <id> GCP, required with --cloud gcp: the project id (gcp:project)",
    );
    expect(help).toContain(
      "aws:region on AWS (default eu-west-1), gcp:region on GCP (default europe-west1)",
    );
  });
});
