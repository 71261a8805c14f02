import { buildSync } from "esbuild";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

/**
 * A TypeScript fixture pack as a published JavaScript pack: its entry bundled once per test
 * process with esbuild (@pulumi/policy and @pulumi/pulumi left to the repository's node_modules),
 * beside PulumiPolicy.yaml and a package.json whose main is the bundle. The policy-pack runner
 * starts it without ts-node's type-check (about 3 s of CPU per start from source); tests that are
 * about the reviewer, not about starting TypeScript, use this copy. `npm run typecheck` checks
 * the TypeScript source.
 */
export function jsFixturePack(sourceDir: string): string {
  const name = path.basename(sourceDir);
  // Under the repository, so the bundle resolves @pulumi/* from its node_modules.
  const out = path.join(ROOT, "node_modules/.cache/enclave-test-packs", `${name}-${process.pid}`);
  if (fs.existsSync(path.join(out, "index.js"))) {
    return out;
  }
  fs.mkdirSync(out, { recursive: true });
  buildSync({
    entryPoints: [path.join(sourceDir, "index.ts")],
    outfile: path.join(out, "index.js"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["@pulumi/policy", "@pulumi/pulumi"],
    logLevel: "silent",
  });
  fs.copyFileSync(path.join(sourceDir, "PulumiPolicy.yaml"), path.join(out, "PulumiPolicy.yaml"));
  const manifest = JSON.parse(fs.readFileSync(path.join(sourceDir, "package.json"), "utf8"));
  fs.writeFileSync(
    path.join(out, "package.json"),
    JSON.stringify({ ...manifest, main: "index.js" }, null, 2),
  );
  return out;
}
