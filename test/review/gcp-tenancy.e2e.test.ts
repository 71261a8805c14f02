import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../review/cli";

/**
 * A GCP tenant reviewed offline against its platform's outputs, through the real reviewer: the
 * outputs come from the platform's own offline run only, and a stack that is not the tenant's
 * GCP platform (an AWS platform's outputs, another project) stops the program with exit 2 naming
 * enclave:platformStack, before anything of the tenant is created.
 */
const out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-gcp-tenancy-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

let stderr = "";
beforeEach(() => {
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});

const GCP = path.join(out, "gcp-platform.json");
const AWS = path.join(out, "aws-platform.json");
beforeAll(async () => {
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  expect(await main(["--stack", "gcp-platform", "--outputs", GCP, "--quiet"])).toBe(0);
  expect(await main(["--stack", "aws-platform", "--outputs", AWS, "--quiet"])).toBe(0);
  vi.restoreAllMocks();
}, 240_000);

const tenant = (outputs: string) =>
  main([
    "--stack",
    "gcp-tenant-dedicated",
    "--stack-outputs",
    `gcp-platform=${outputs}`,
    "--quiet",
  ]);

describe("gcp-tenant-dedicated against its platform's offline outputs", () => {
  it("reviews clean with gcp-platform's own outputs", async () => {
    expect(await tenant(GCP)).toBe(0);
  }, 120_000);

  it("refuses an AWS platform's outputs, naming what a GCP platform exports", async () => {
    expect(await tenant(AWS)).toBe(2);
    expect(stderr).toContain(
      'enclave:platformStack = "gcp-platform": names a stack that does not export gcpProject, gcpRegion, clusterCaCertificate, workloadIdentityPool, networkId, networkSelfLink, subnetCidr, podsCidr, servicesCidr, apiServerCidr, googleApiCidrs, serviceAccessRangeName, serviceAccessCidr, admittedImages, storageAuditLogTypes.',
    );
  }, 120_000);

  it("refuses a platform in another project", async () => {
    const moved = path.join(out, "moved.json");
    const outputs = JSON.parse(fs.readFileSync(GCP, "utf8")) as Record<string, unknown>;
    fs.writeFileSync(moved, JSON.stringify({ ...outputs, gcpProject: "other-project" }));
    expect(await tenant(moved)).toBe(2);
    expect(stderr).toContain(
      'enclave:platformStack = "gcp-platform": names a platform in gcp:project other-project, but this stack\'s gcp:project is annotate-fleet-dev.',
    );
  }, 120_000);
});
