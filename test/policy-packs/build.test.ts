import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildPacks, sourcePacks, type BuiltPack } from "../../policy-packs/build/build";
import { main } from "../../review/cli";
import { installFromRepo } from "../helpers/pack-install";

const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "test/fixtures/programs/aws-insecure");
const PACK = "encryption";

interface Report {
  packs: {
    name: string;
    version: string;
    policies: { name: string; enforcementLevel: string }[];
  }[];
  violations: Record<string, unknown>[];
  errors: unknown[];
}

let tmp: string;
let built: BuiltPack[];

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-packs-build-"));
  built = buildPacks(path.join(tmp, "dist"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Reviews aws-insecure's dev stack with one pack; returns the exit code and the JSON report. */
async function review(packDir: string, name: string): Promise<{ code: number; report: Report }> {
  const json = path.join(tmp, `${name}.json`);
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const code = await main([
      "--program",
      PROGRAM,
      "--stack",
      "dev",
      "--policy-pack",
      packDir,
      "--json",
      json,
    ]);
    return { code, report: JSON.parse(fs.readFileSync(json, "utf8")) as Report };
  } finally {
    vi.restoreAllMocks();
  }
}

describe("npm run packs:build", () => {
  it("writes every pack as PulumiPolicy.yaml, package.json and one index.js", () => {
    expect(built.map((b) => b.pack)).toEqual(sourcePacks());
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
    const locked = (n: string) => lock.packages[`node_modules/${n}`].version as string;
    for (const b of built) {
      expect(fs.readdirSync(b.directory).sort()).toEqual([
        "PulumiPolicy.yaml",
        "index.js",
        "package.json",
      ]);
      const source = path.join(ROOT, "policy-packs", b.pack);
      expect(fs.readFileSync(path.join(b.directory, "PulumiPolicy.yaml"), "utf8")).toBe(
        fs.readFileSync(path.join(source, "PulumiPolicy.yaml"), "utf8"),
      );
      const src = JSON.parse(fs.readFileSync(path.join(source, "package.json"), "utf8"));
      const pkg = JSON.parse(fs.readFileSync(path.join(b.directory, "package.json"), "utf8"));
      expect(pkg).toMatchObject({ name: src.name, version: src.version, main: "index.js" });
      expect(pkg.devDependencies).toBeUndefined();
      expect(pkg.dependencies).toEqual({
        "@pulumi/policy": locked("@pulumi/policy"),
        "@pulumi/pulumi": locked("@pulumi/pulumi"),
      });
    }
  });

  it("bundles everything but the SDK, and names no folder of this machine", () => {
    for (const b of built) {
      const code = fs.readFileSync(path.join(b.directory, "index.js"), "utf8");
      const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
      const packages = required.filter(
        (r) => !r.startsWith("node:") && !builtinModules.includes(r),
      );
      expect(new Set(packages)).toEqual(new Set(["@pulumi/policy"]));
      expect(code).not.toContain("../policies");
      expect(code).not.toContain(ROOT);
      expect(code).not.toContain(fs.realpathSync(ROOT));
    }
  });

  it("runs from a folder outside the repository with the source pack's findings", async () => {
    const pack = path.join(tmp, "outside", PACK);
    fs.cpSync(built.find((b) => b.pack === PACK)!.directory, pack, { recursive: true });
    // Installs nothing else: @pulumi/policy, @pulumi/pulumi and their lockfile dependencies.
    expect(installFromRepo(ROOT, pack, ["@pulumi/policy", "@pulumi/pulumi"])).toBeGreaterThan(2);
    expect(fs.realpathSync(require.resolve("@pulumi/policy", { paths: [pack] }))).toContain(pack);

    const source = await review(path.join(ROOT, "policy-packs", PACK), "source");
    const outside = await review(pack, "outside");
    expect(outside.report.errors).toEqual([]);
    expect(source.code).toBe(1);
    expect(outside.code).toBe(source.code);
    const findings = (r: Report) =>
      r.violations
        .map((v) => ({
          policy: v.policy,
          urn: v.urn,
          message: v.message,
          level: v.enforcementLevel,
          severity: v.severity,
          pack: v.pack,
          version: v.packVersion,
        }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(findings(source.report).length).toBeGreaterThan(0);
    expect(findings(outside.report)).toEqual(findings(source.report));
    const policies = (r: Report) => r.packs.map((p) => ({ ...p, directory: undefined }));
    expect(policies(outside.report)).toEqual(policies(source.report));
  });
});
