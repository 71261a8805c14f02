/**
 * Prints a stack's `enclave:policy` as a `--policy-pack-config` file for the Pulumi CLI, so a real
 * `pulumi up --policy-pack ...` enforces the same levels and parameters the offline review did.
 *
 *   npm run policy-config -- --stack aws-prod > policy-config.json
 */
import { Command } from "commander";
import { loadProgram } from "./program";
import { readStackConfig } from "./stackConfig";
import { KIT_ROOT } from "./review";

export function policyConfigJson(programDir: string, stack: string): string {
  const program = loadProgram(programDir);
  const raw = readStackConfig(program, stack).values["enclave:policy"];
  return `${JSON.stringify(raw === undefined ? {} : JSON.parse(raw), null, 2)}\n`;
}

if (require.main === module) {
  const cmd = new Command()
    .name("npm run policy-config --")
    .requiredOption("--stack <name>", "the stack whose enclave:policy to print")
    .option("--program <dir>", "the Pulumi program folder", KIT_ROOT)
    .parse(process.argv);
  const opts = cmd.opts<{ stack: string; program: string }>();
  try {
    process.stdout.write(policyConfigJson(opts.program, opts.stack));
  } catch (e) {
    process.stderr.write(`enclave policy-config: ${(e as Error).message}\n`);
    process.exit(2);
  }
}
