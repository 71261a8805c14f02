import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/**
 * enclave's own packs are TypeScript that `npm test` type-checks. Started from source, the Pulumi
 * policy-pack runner type-checks them again with ts-node at every start (about 4 s of CPU per
 * pack); the reviewer instead bundles each of the kit's packs once with esbuild, caches the copy
 * under node_modules/.cache, and loads it into its own process (inProcess.ts). Packs from anywhere
 * else (e.g. @pulumi/awsguard) run from their own folder through the SDK's runner, exactly as
 * the CLI runs them.
 */
export function compiledPackDir(packDir: string, kitPacksRoot: string, cacheRoot: string): string {
  const pack = path.resolve(packDir);
  const root = path.resolve(kitPacksRoot);
  if (path.dirname(pack) !== root) {
    return pack;
  }
  const files = listSources(root);
  const hash = createHash("sha256");
  // The copy depends on esbuild, on how this file builds it, and on every source.
  hash
    .update(require("esbuild/package.json").version as string)
    .update(fs.readFileSync(__filename));
  for (const f of files) {
    hash.update(`\u0000${path.relative(root, f)}\u0000`).update(fs.readFileSync(f));
  }
  const outRoot = path.join(cacheRoot, hash.digest("hex").slice(0, 16), "policy-packs");
  if (!fs.existsSync(path.join(outRoot, ".complete"))) {
    compileTree(root, files, outRoot);
  }
  return path.join(outRoot, path.basename(pack));
}

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) {
      continue;
    }
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...listSources(full));
    } else if (/\.(ts|json|ya?ml)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
      out.push(full);
    }
  }
  return out.sort();
}

/**
 * Writes the cached copy: each pack (a folder with PulumiPolicy.yaml) becomes its manifest, its
 * package.json pointing at `index.js`, and that `index.js` bundling the pack's entry with the
 * kit modules it imports (packages such as @pulumi/policy stay external and resolve from the
 * kit's node_modules, as from source). One file per pack loads faster than a module per policy.
 */
function compileTree(root: string, files: readonly string[], outRoot: string): void {
  const esbuild = require("esbuild") as typeof import("esbuild");
  const staging = `${outRoot}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const packs = files
    .filter((f) => path.basename(f) === "PulumiPolicy.yaml")
    .map((f) => path.dirname(f));
  for (const pack of packs) {
    const target = path.join(staging, path.relative(root, pack));
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(path.join(pack, "PulumiPolicy.yaml"), path.join(target, "PulumiPolicy.yaml"));
    const pkg = JSON.parse(fs.readFileSync(path.join(pack, "package.json"), "utf8")) as {
      main?: string;
    };
    const entry = path.join(pack, pkg.main ?? "index.ts");
    esbuild.buildSync({
      entryPoints: [entry],
      outfile: path.join(target, "index.js"),
      bundle: true,
      packages: "external",
      format: "cjs",
      platform: "node",
      target: "node20",
      sourcemap: "linked",
      logLevel: "silent",
    });
    fs.writeFileSync(
      path.join(target, "package.json"),
      `${JSON.stringify({ ...pkg, main: "index.js" }, null, 2)}\n`,
    );
  }
  fs.writeFileSync(path.join(staging, ".complete"), "");
  fs.mkdirSync(path.dirname(outRoot), { recursive: true });
  try {
    fs.renameSync(staging, outRoot);
  } catch {
    // Another review compiled the same tree concurrently; its copy is identical.
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
