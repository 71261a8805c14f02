import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyCommand } from "../../review/bundle/cli";
import { main } from "../../review/cli";
import { MANIFEST, manifestSchema } from "../../review/bundle/manifest";
import { BundleError, verifyBundle } from "../../review/bundle/verify";
import { gitCommit, MASKED, maskedConfig, writeBundle } from "../../review/bundle/write";
import { failingReview } from "../helpers/review-fixtures";

let dir: string;
let configFile: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-bundle-"));
  configFile = path.join(dir, "Pulumi.aws-dev.yaml");
  fs.writeFileSync(
    configFile,
    [
      "config:",
      "  enclave:target: aws",
      "  enclave:db:",
      "    password:",
      "      secure: AAABAKu2dGhpcy1pcy1lbmNyeXB0ZWQ=",
      "  enclave:apiKey:",
      "    secure: AAABAGFub3RoZXItY2lwaGVydGV4dA==",
      "",
    ].join("\n"),
  );
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(sbom = false): string {
  const out = path.join(dir, "bundle");
  writeBundle({
    dir: out,
    review: failingReview("aws-dev", { configFile }),
    catalog: "# catalogue\n",
    kitDir: process.cwd(),
    date: new Date("2026-12-03T10:00:00Z"),
    sbom,
  });
  return out;
}

describe("evidence bundle", () => {
  it("writes the reports, catalogue, masked config, the SBOM and a manifest that verifies", () => {
    const out = write(true);
    const manifest = manifestSchema.parse(
      JSON.parse(fs.readFileSync(path.join(out, MANIFEST), "utf8")),
    );
    expect(Object.keys(manifest.files)).toEqual([
      "POLICIES.md",
      "Pulumi.aws-dev.yaml",
      "images.json",
      "report.json",
      "report.md",
      "report.sarif",
      "sbom.cdx.json",
    ]);
    expect(manifest.date).toBe("2026-12-03T10:00:00.000Z");
    expect(manifest.kitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(manifest.packs.length).toBeGreaterThan(0);
    expect(manifest.absent).toEqual([]);
    const bom = JSON.parse(fs.readFileSync(path.join(out, "sbom.cdx.json"), "utf8"));
    expect(bom.bomFormat).toBe("CycloneDX");
    expect(
      (bom.components as { group?: string; name: string }[]).some(
        (c) => c.group === "@pulumi" && c.name === "pulumi",
      ),
    ).toBe(true);
    const images = JSON.parse(fs.readFileSync(path.join(out, "images.json"), "utf8"));
    expect(images.stack).toBe("aws-dev");
    expect(Array.isArray(images.images)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(out, "report.json"), "utf8"))).toBeTruthy();
    expect(verifyBundle(out)).toEqual({ changed: [], missing: [], extra: [] });
    expect(verifyCommand(out)).toBe(0);
  });

  it("says the SBOM is absent, and why, when it was not written", () => {
    const out = write(false);
    const manifest = manifestSchema.parse(
      JSON.parse(fs.readFileSync(path.join(out, MANIFEST), "utf8")),
    );
    expect(manifest.files["sbom.cdx.json"]).toBeUndefined();
    expect(manifest.absent.map((a) => a.item)).toEqual(["SBOM"]);
    expect(manifest.absent[0]!.reason).toMatch(/^not requested/);
  });

  it("masks every secure value of the stack config, nested ones too", () => {
    const text = maskedConfig(configFile);
    expect(text).not.toContain("AAAB");
    expect(text.split(MASKED).length - 1).toBe(2);
    expect(text).toContain("enclave:target: aws");
  });

  it("names a file whose content changed by one byte", () => {
    const out = write();
    const file = path.join(out, "report.sarif");
    const bytes = fs.readFileSync(file);
    bytes[10] = bytes[10]! ^ 1;
    fs.writeFileSync(file, bytes);
    expect(verifyBundle(out)).toEqual({ changed: ["report.sarif"], missing: [], extra: [] });
    expect(verifyCommand(out)).toBe(1);
  });

  it("names a removed file and an added one", () => {
    const out = write();
    fs.rmSync(path.join(out, "POLICIES.md"));
    fs.writeFileSync(path.join(out, "notes.txt"), "added later\n");
    expect(verifyBundle(out)).toEqual({
      changed: [],
      missing: ["POLICIES.md"],
      extra: ["notes.txt"],
    });
    expect(verifyCommand(out)).toBe(1);
  });

  it("refuses a folder without a valid manifest (exit 2)", () => {
    expect(() => verifyBundle(dir)).toThrow(BundleError);
    expect(() => verifyBundle(dir)).toThrow(
      `${path.join(dir, MANIFEST)} does not exist: not an evidence bundle.`,
    );
    fs.writeFileSync(path.join(dir, MANIFEST), "{ not json");
    expect(verifyCommand(dir)).toBe(2);
  });

  it("states the commit as unknown outside a git repository", () => {
    expect(gitCommit(os.tmpdir())).toBe("unknown");
  });

  it("needs --stack with --bundle (exit 2, before any review runs)", async () => {
    expect(await main(["--bundle", path.join(dir, "b")])).toBe(2);
    expect(fs.existsSync(path.join(dir, "b"))).toBe(false);
  });
});
