// npm run packs:build [-- --out DIR] [PACK...]: writes self-contained policy packs (default
// dist/packs/<pack>/) that run and publish outside this repository. See docs/policy-packs.md.
import * as path from "path";
import { parseArgs } from "util";
import { buildPacks, REPO_ROOT } from "./build";

function main(argv: string[]): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { out: { type: "string" } },
      allowPositionals: true,
    });
    const out = path.resolve(values.out ?? path.join(REPO_ROOT, "dist", "packs"));
    const built = buildPacks(out, positionals.length > 0 ? positionals : undefined);
    for (const b of built) {
      const deps = Object.entries(b.dependencies)
        .map(([n, v]) => `${n}@${v}`)
        .join(", ");
      process.stdout.write(`${b.name}@${b.version} -> ${b.directory} (requires ${deps})\n`);
    }
    return 0;
  } catch (e) {
    process.stderr.write(`packs:build: ${(e as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
