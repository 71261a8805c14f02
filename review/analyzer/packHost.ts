/**
 * Starts one of enclave's own policy packs from its transpiled copy (see compile.ts). Usage:
 *
 *   node pack-host.js <pack folder>
 *
 * The pack's code, `@pulumi/policy` and its analyzer gRPC server are exactly those the Pulumi
 * CLI runs: loading the pack's entry constructs the PolicyPack, which serves the analyzer
 * protocol and prints its port. What this host leaves out of `@pulumi/pulumi`'s
 * run-policy-pack is what only TypeScript sources or function serialization need: registering
 * ts-node and attaching the V8 inspector (which slows every module compilation); and it defers
 * the SDK's loading of its closure-serialization dependencies to their first use (see
 * lazyModules.ts). The copy
 * is plain JavaScript that `npm test` type-checks from source, and packs from anywhere else still
 * start through the SDK's runner. `--no-pack-cache` starts the kit's packs through the runner too.
 */
import * as path from "path";
import { deferClosureSerializationModules } from "../lazyModules";

function fail(err: unknown): never {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`${text}\n`);
  process.exit(1);
}

process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

const folder = process.argv[2];
if (!folder) {
  fail(new Error("usage: pack-host <pack folder>"));
}
// The runner makes the pack's folder the working directory and loads its package entry.
process.chdir(path.resolve(folder));
try {
  deferClosureSerializationModules(
    path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [process.cwd()] })),
  );
} catch {
  // The pack cannot resolve the SDK; loading it below reports that.
}
require(process.cwd());
