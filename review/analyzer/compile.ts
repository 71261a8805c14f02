import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/**
 * enclave's own packs are TypeScript that `npm test` type-checks. Started from source, the Pulumi
 * policy-pack runner type-checks them again with ts-node at every start (about 4 s of CPU per
 * pack); the reviewer instead transpiles the kit's policy-packs/ tree once with esbuild, caches it
 * under node_modules/.cache, and starts the compiled copy with packHost.ts. Packs from anywhere
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
  hash.update(require("esbuild/package.json").version as string);
  for (const f of files) {
    hash.update(`\u0000${path.relative(root, f)}\u0000`).update(fs.readFileSync(f));
  }
  const outRoot = path.join(cacheRoot, hash.digest("hex").slice(0, 16), "policy-packs");
  if (!fs.existsSync(path.join(outRoot, ".complete"))) {
    compileTree(root, files, outRoot);
  }
  return path.join(outRoot, path.basename(pack));
}

/** The host's sources: packHost.ts and what it imports (bundled into one file). */
const HOST_SOURCES = [path.join(__dirname, "packHost.ts"), path.join(__dirname, "..", "lazyTypeScript.ts")];

/**
 * The host that starts a transpiled kit pack (packHost.ts), bundled once into the cache with the
 * kit modules it imports (packages stay external). Returns the path of its JavaScript.
 */
export function compiledPackHost(cacheRoot: string): string {
  const hash = createHash("sha256").update(require("esbuild/package.json").version as string);
  for (const file of HOST_SOURCES) {
    hash.update(`\u0000${path.basename(file)}\u0000`).update(fs.readFileSync(file));
  }
  const target = path.join(cacheRoot, `pack-host-${hash.digest("hex").slice(0, 16)}.js`);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(cacheRoot, { recursive: true });
    const staging = `${target}.tmp-${process.pid}`;
    const esbuild = require("esbuild") as typeof import("esbuild");
    esbuild.buildSync({
      entryPoints: [HOST_SOURCES[0]!],
      outfile: staging,
      bundle: true,
      packages: "external",
      format: "cjs",
      platform: "node",
      target: "node20",
      sourcemap: "inline",
      logLevel: "silent",
    });
    fs.renameSync(staging, target);
  }
  return target;
}

function transpile(code: string, sourcefile: string): string {
  const esbuild = require("esbuild") as typeof import("esbuild");
  return esbuild.transformSync(code, {
    loader: "ts",
    format: "cjs",
    platform: "node",
    target: "node20",
    sourcefile,
    sourcemap: "inline",
  }).code;
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

function compileTree(root: string, files: readonly string[], outRoot: string): void {
  const staging = `${outRoot}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  for (const file of files) {
    const rel = path.relative(root, file);
    const target = path.join(staging, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (file.endsWith(".ts")) {
      fs.writeFileSync(target.replace(/\.ts$/, ".js"), transpile(fs.readFileSync(file, "utf8"), file));
    } else if (path.basename(file) === "package.json") {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { main?: string };
      pkg.main = (pkg.main ?? "index.ts").replace(/\.ts$/, ".js");
      fs.writeFileSync(target, `${JSON.stringify(pkg, null, 2)}\n`);
    } else {
      fs.copyFileSync(file, target);
    }
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
