import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../review/cli";

/**
 * Issue 13's "done when", beyond the reference stacks (test/stacks/reference-stacks.test.ts):
 * the air-gapped variant reviews clean, the documented opt-out is flagged, and bad GCP config exits
 * 2 naming the key, the value and the fix, before anything is created.
 */
const ROOT = path.resolve(__dirname, "../..");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-gcp-stacks-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

interface Report {
  resources: { urn: string; type: string; name: string; protect?: boolean; inputs: any }[];
  violations: { policy: string; urn?: string; enforcementLevel: string }[];
  waived?: { policy: string }[];
  errors: unknown[];
}

let stderr = "";
beforeEach(() => {
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});

async function review(args: string[]): Promise<{ code: number; report: Report }> {
  const json = path.join(out, `r-${Math.random().toString(36).slice(2)}.json`);
  const code = await main([...args, "--json", json]);
  const report = fs.existsSync(json)
    ? (JSON.parse(fs.readFileSync(json, "utf8")) as Report)
    : ({ resources: [], violations: [], errors: [] } as Report);
  return { code, report };
}

/** A reference stack's file (gcp-dev by default) with changes, written as its own stack. */
function variant(
  name: string,
  edit: (config: Record<string, any>) => void,
  base = "gcp-dev",
): string {
  const doc = parse(fs.readFileSync(path.join(ROOT, `stacks/Pulumi.${base}.yaml`), "utf8"));
  edit(doc.config);
  const file = path.join(out, `Pulumi.${name}.yaml`);
  fs.writeFileSync(file, stringify(doc));
  return file;
}

const ofType = (r: Report, type: string) => r.resources.filter((x) => x.type === type);

describe("GCP variants", () => {
  it("air-gapped: no Cloud NAT, no internet route, reviews clean", async () => {
    const file = variant("gcp-airgapped", (c) => {
      c["enclave:gcp"] = { airGapped: true };
    });
    const { code, report } = await review(["--config", file]);
    expect(report.errors).toEqual([]);
    expect(report.violations).toEqual([]);
    expect(code).toBe(0);
    expect(ofType(report, "gcp:compute/routerNat:RouterNat")).toEqual([]);
    expect(ofType(report, "gcp:compute/route:Route").map((x) => x.inputs.destRange)).toEqual([
      "199.36.153.4/30",
    ]);
  }, 240_000);

  it("the public control-plane endpoint (the documented opt-out) is flagged on the cluster", async () => {
    const file = variant("gcp-public-endpoint", (c) => {
      c["enclave:gcp"] = { publicEndpoint: true };
      c["enclave:allowlist"] = { admin: ["198.51.100.0/24"], users: ["203.0.113.0/24"] };
    });
    const { code, report } = await review(["--config", file]);
    expect(code).toBe(1);
    expect(report.violations.map((v) => [v.policy, v.urn?.split("::").pop()])).toEqual([
      ["gcp-container-cluster-restrict-control-plane-access", "enclave-acme-dev-cluster-gke"],
    ]);
  }, 240_000);

  it("prod without the bucket's locked retention (the other documented opt-out) is flagged", async () => {
    const file = variant(
      "gcp-prod-no-retention",
      (c) => {
        c["enclave:gcp"] = { bucketRetention: false };
      },
      "gcp-prod",
    );
    const { code, report } = await review(["--config", file]);
    expect(code).toBe(1);
    expect(report.violations.map((v) => [v.policy, v.urn?.split("::").pop()])).toEqual([
      ["gcp-storage-bucket-enable-locked-retention", "enclave-acme-prod-storage-data"],
    ]);
  }, 240_000);

  const BAD: [string, (c: Record<string, any>) => void, string][] = [
    [
      "a missing gcp:project",
      (c) => delete c["gcp:project"],
      "gcp:project = (not set): is required when enclave:cloud is gcp. Fix: set it, e.g. `pulumi config set gcp:project my-project`.",
    ],
    [
      "a public authorized network without the public endpoint",
      (c) => (c["enclave:allowlist"] = { admin: ["198.51.100.0/24"], users: [] }),
      'enclave:allowlist.admin[0] = "198.51.100.0/24"',
    ],
    [
      "an unknown enclave:gcp field",
      (c) => (c["enclave:gcp"] = { nat: "single" }),
      'enclave:gcp = ["nat"]: has unknown field nat. Fix: use only subnetCidr,',
    ],
    [
      "client-hosted, which the GCP target does not build",
      (c) => (c["enclave:isolation"] = "client-hosted"),
      'enclave:isolation = "client-hosted": is not built on the GCP target',
    ],
  ];
  it.each(BAD)(
    "%s exits 2 naming the key, the value and the fix; nothing is created",
    async (_n, edit, message) => {
      const { code, report } = await review(["--config", variant("gcp-bad", edit)]);
      expect(code).toBe(2);
      expect(report.resources).toEqual([]);
      expect(stderr).toContain(message);
    },
    240_000,
  );
});
