import * as fs from "fs";
import * as path from "path";
import { bundleEntry, EXTERNAL_PACKAGES } from "./bundle";
import { builtManifest, lockedVersion, type SourceManifest } from "./manifest";

/** The repository (this file is policy-packs/build/build.ts). */
export const REPO_ROOT = path.resolve(__dirname, "../..");

export interface BuiltPack {
  /** The pack's folder name, e.g. `encryption`. */
  readonly pack: string;
  readonly directory: string;
  readonly name: string;
  readonly version: string;
  readonly dependencies: Readonly<Record<string, string>>;
}

/** Every pack folder (one holding PulumiPolicy.yaml) directly under policy-packs/, sorted. */
export function sourcePacks(root = REPO_ROOT): string[] {
  const packsDir = path.join(root, "policy-packs");
  return fs
    .readdirSync(packsDir, { withFileTypes: true })
    .filter(
      (d) => d.isDirectory() && fs.existsSync(path.join(packsDir, d.name, "PulumiPolicy.yaml")),
    )
    .map((d) => d.name)
    .sort();
}

/**
 * Writes one self-contained pack to `<outDir>/<pack>/`: the source's PulumiPolicy.yaml, one
 * bundled `index.js`, and a package.json declaring only what that bundle still requires
 * (@pulumi/policy, and @pulumi/pulumi whose runner starts the pack) at the lockfile's versions.
 */
export function buildPack(pack: string, outDir: string, root = REPO_ROOT): BuiltPack {
  const sourceDir = path.join(root, "policy-packs", pack);
  const source = JSON.parse(
    fs.readFileSync(path.join(sourceDir, "package.json"), "utf8"),
  ) as SourceManifest;
  const target = path.join(path.resolve(outDir), pack);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(
    path.join(sourceDir, "PulumiPolicy.yaml"),
    path.join(target, "PulumiPolicy.yaml"),
  );

  const outfile = path.join(target, "index.js");
  const bundle = bundleEntry(path.join(sourceDir, source.main ?? "index.ts"), outfile, root);
  const unexpected = bundle.requires.filter(
    (p) => !(EXTERNAL_PACKAGES as readonly string[]).includes(p),
  );
  if (unexpected.length > 0) {
    throw new Error(`the bundle of ${pack} still requires ${unexpected.join(", ")}`);
  }
  if (fs.readFileSync(outfile, "utf8").includes(root)) {
    throw new Error(`the bundle of ${pack} names the repository's folder ${root}`);
  }
  const packRel = path.relative(root, sourceDir);
  const dependencies = Object.fromEntries(
    [...new Set([...bundle.requires, "@pulumi/pulumi"])]
      .sort()
      .map((name) => [name, lockedVersion(root, packRel, name)]),
  );
  fs.writeFileSync(path.join(target, "package.json"), builtManifest(source, dependencies));
  return { pack, directory: target, name: source.name, version: source.version, dependencies };
}

/** Builds every pack (or those named) into `outDir`. */
export function buildPacks(
  outDir: string,
  packs: readonly string[] = sourcePacks(),
  root = REPO_ROOT,
): BuiltPack[] {
  const known = sourcePacks(root);
  const unknown = packs.filter((p) => !known.includes(p));
  if (unknown.length > 0) {
    throw new Error(
      `no policy pack named ${unknown.join(", ")} under policy-packs/. Fix: name one of ${known.join(", ")}.`,
    );
  }
  return packs.map((p) => buildPack(p, outDir, root));
}
