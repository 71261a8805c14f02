import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { components, generatorArgs, KIT_ROOT, main } from "../../supply-chain/sbom";

const manifest = JSON.parse(fs.readFileSync(path.join(KIT_ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
};

function read(file: string) {
  return JSON.parse(fs.readFileSync(file, "utf8")) as {
    bomFormat: string;
    specVersion: string;
    metadata: { component: { name: string } };
    components: { group?: string; name: string; version?: string; purl?: string }[];
  };
}

const named = (list: ReturnType<typeof components>, full: string) =>
  list.filter((c) => (c.group ? `${c.group}/${c.name}` : c.name) === full);

describe("npm run sbom", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-sbom-"));
  const shipped = path.join(dir, "sbom.cdx.json");
  const withDev = path.join(dir, "with-dev.cdx.json");
  let codes: number[] = [];

  beforeAll(() => {
    codes = [main(["--output", shipped]), main(["--output", withDev, "--include-dev"])];
  }, 60_000);

  it("writes a CycloneDX 1.6 JSON document of the kit", () => {
    expect(codes).toEqual([0, 0]);
    const bom = read(shipped);
    expect(bom.bomFormat).toBe("CycloneDX");
    expect(bom.specVersion).toBe("1.6");
    expect(bom.metadata.component.name).toBe("enclave");
  });

  it("names the one pinned @pulumi/pulumi, at the version package.json pins", () => {
    const pulumi = named(components(read(shipped)), "@pulumi/pulumi");
    expect(pulumi.map((c) => c.version)).toEqual([manifest.dependencies["@pulumi/pulumi"]]);
    expect(pulumi[0].purl).toBe(
      `pkg:npm/%40pulumi/pulumi@${manifest.dependencies["@pulumi/pulumi"]}`,
    );
  });

  it("lists the four policy packs and the runtime dependencies, not the dev tooling", () => {
    const all = components(read(shipped));
    for (const pack of ["encryption", "least-privilege", "data-protection", "workload-security"]) {
      expect(named(all, `@enclave/policy-${pack}`)).toHaveLength(1);
    }
    for (const dep of Object.keys(manifest.dependencies)) {
      expect(named(all, dep).length, dep).toBeGreaterThan(0);
    }
    expect(named(all, "vitest")).toEqual([]);
    expect(named(components(read(withDev)), "vitest")).toHaveLength(1);
  });

  it("refuses bad arguments with exit 2 and writes nothing", () => {
    expect(main([])).toBe(2);
    expect(main(["--output", dir])).toBe(2);
    const other = path.join(dir, "v14.json");
    expect(main(["--output", other, "--spec-version", "1.4"])).toBe(2);
    expect(fs.existsSync(other)).toBe(false);
  });

  it("asks the generator for the lockfile only, reproducible and validated output", () => {
    const args = generatorArgs({ output: "x.json", includeDev: false, specVersion: "1.5" });
    expect(args).toEqual(
      expect.arrayContaining(["--package-lock-only", "--output-reproducible", "--validate"]),
    );
    expect(args.join(" ")).toContain("--omit dev --spec-version 1.5");
  });
});
