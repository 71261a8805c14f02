/**
 * The kit's software bill of materials: a CycloneDX JSON SBOM of the kit and its policy packs,
 * generated from the committed lockfile by CycloneDX's own npm generator (no node_modules walk
 * of ours).
 *
 *   npm run sbom -- --output FILE [--include-dev] [--spec-version 1.5|1.6]
 *
 * By default it lists what ships (runtime dependencies of the kit and its four pack workspaces);
 * `--include-dev` adds the test and lint tooling. Exit: 0 written; 2 bad arguments or the
 * generator failed (its message is shown).
 */
import { spawnSync } from "child_process";
import { Command, Option } from "commander";
import * as fs from "fs";
import * as path from "path";

export const KIT_ROOT = path.resolve(__dirname, "..");

export interface SbomOptions {
  output: string;
  includeDev: boolean;
  specVersion: "1.5" | "1.6";
}

/** The generator's command line for these options (a pure function, tested). */
export function generatorArgs(options: SbomOptions): string[] {
  return [
    "--package-lock-only",
    ...(options.includeDev ? [] : ["--omit", "dev"]),
    "--spec-version",
    options.specVersion,
    "--output-reproducible",
    "--output-format",
    "JSON",
    "--validate",
    "--output-file",
    path.resolve(options.output),
    path.join(KIT_ROOT, "package.json"),
  ];
}

/** The generator's executable, resolved from the declared devDependency. */
function generatorBin(): string {
  // The package exports only its entry point; its folder is the nearest one with package.json.
  let dir = path.dirname(require.resolve("@cyclonedx/cyclonedx-npm"));
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    dir = path.dirname(dir);
  }
  const manifest = path.join(dir, "package.json");
  const bin = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { bin: Record<string, string> })
    .bin["cyclonedx-npm"];
  return path.join(path.dirname(manifest), bin);
}

export interface Component {
  group?: string;
  name: string;
  version?: string;
  purl?: string;
  components?: Component[];
}

/** Every component of a CycloneDX document, nested ones included. */
export function components(bom: { components?: Component[] }): Component[] {
  const out: Component[] = [];
  const walk = (list: Component[] | undefined): void => {
    for (const c of list ?? []) {
      out.push(c);
      walk(c.components);
    }
  };
  walk(bom.components);
  return out;
}

export type SbomResult =
  | { readonly ok: true; readonly summary: string }
  | { readonly ok: false; readonly message: string };

/** Runs the generator into options.output (the folder is made); the bundle uses it too. */
export function writeSbom(options: SbomOptions): SbomResult {
  fs.mkdirSync(path.dirname(path.resolve(options.output)), { recursive: true });
  const run = spawnSync(process.execPath, [generatorBin(), ...generatorArgs(options)], {
    cwd: KIT_ROOT,
    encoding: "utf8",
  });
  if (run.status !== 0) {
    return {
      ok: false,
      message: run.stderr || run.stdout || `cyclonedx-npm exited ${run.status}\n`,
    };
  }
  const bom = JSON.parse(fs.readFileSync(options.output, "utf8")) as {
    specVersion: string;
    components?: Component[];
  };
  const all = components(bom);
  const pulumi = all.find((c) => c.group === "@pulumi" && c.name === "pulumi");
  return {
    ok: true,
    summary:
      `CycloneDX ${bom.specVersion}, ${all.length} components` +
      `${pulumi ? `, @pulumi/pulumi ${pulumi.version}` : ""}`,
  };
}

export function main(argv: readonly string[]): number {
  const program = new Command()
    .name("npm run sbom --")
    .description("Write a CycloneDX JSON SBOM of the kit and its policy packs from the lockfile.")
    .requiredOption("--output <file>", "where to write the SBOM (JSON)")
    .option("--include-dev", "include development dependencies (test and lint tooling)", false)
    .addOption(
      new Option("--spec-version <version>", "CycloneDX specification version")
        .choices(["1.5", "1.6"])
        .default("1.6"),
    )
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  const options = program.opts<SbomOptions>();
  if (fs.existsSync(options.output) && fs.statSync(options.output).isDirectory()) {
    process.stderr.write(
      `--output ${options.output}: is a folder; give a file name, e.g. ${path.join(options.output, "sbom.cdx.json")}.\n`,
    );
    return 2;
  }
  const written = writeSbom(options);
  if (!written.ok) {
    process.stderr.write(written.message);
    return 2;
  }
  process.stdout.write(`SBOM written: ${options.output} (${written.summary}).\n`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
