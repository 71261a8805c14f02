import { builtinModules } from "module";
import * as path from "path";

/**
 * The packages a built pack takes from its own node_modules instead of its bundle. A policy pack
 * must share the SDK the Pulumi CLI's runner loads (`@pulumi/pulumi/cmd/run-policy-pack`): the
 * runner and the pack's `PolicyPack` meet in that module's state, so both stay external.
 */
export const EXTERNAL_PACKAGES = ["@pulumi/policy", "@pulumi/pulumi"] as const;

export interface Bundle {
  /** Packages the bundle still requires at run time (node built-ins left out), sorted. */
  readonly requires: string[];
}

/** `@scope/name/sub/path` or `name/sub` to its package name. */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || builtinModules.includes(packageOf(specifier));
}

/**
 * Bundles one pack's entry and everything it imports (the kit's policy modules, yaml,
 * ip-address, ...) into `outfile`, one CommonJS file for Node 20, with every path esbuild
 * writes into it relative to `root` (the repository), so the file names no folder of this machine.
 */
export function bundleEntry(entry: string, outfile: string, root: string): Bundle {
  const esbuild = require("esbuild") as typeof import("esbuild");
  const result = esbuild.buildSync({
    entryPoints: [entry],
    outfile,
    absWorkingDir: root,
    bundle: true,
    external: [...EXTERNAL_PACKAGES],
    format: "cjs",
    platform: "node",
    target: "node20",
    metafile: true,
    logLevel: "silent",
  });
  const output = result.metafile.outputs[path.relative(root, outfile).split(path.sep).join("/")];
  if (!output) {
    throw new Error(`esbuild wrote no ${outfile}`);
  }
  const requires = output.imports
    .filter((i) => i.external && !isBuiltin(i.path))
    .map((i) => packageOf(i.path));
  return { requires: [...new Set(requires)].sort() };
}
