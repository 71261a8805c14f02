/**
 * Prints a stack's policy-pack configuration (`--policy-config-key`, default `enclave:policy`) as
 * a `--policy-pack-config` file for the Pulumi CLI, so a real `pulumi up --policy-pack ...`
 * enforces the same levels and parameters the offline review did.
 *
 *   npm run policy-config -- --stack aws-prod > policy-config.json
 */
import { Command } from "commander";
import { DEFAULT_POLICY_CONFIG_KEY } from "./contract";
import { loadProgram } from "./program";
import { readStackConfig } from "./stackConfig";
import { KIT_ROOT } from "./review";

export function policyConfigJson(
  programDir: string,
  stack: string,
  key = DEFAULT_POLICY_CONFIG_KEY,
): string {
  const program = loadProgram(programDir);
  const raw = readStackConfig(program, stack).values[key];
  return `${JSON.stringify(raw === undefined ? {} : JSON.parse(raw), null, 2)}\n`;
}

if (require.main === module) {
  const cmd = new Command()
    .name("npm run policy-config --")
    .requiredOption("--stack <name>", "the stack whose policy-pack configuration to print")
    .option("--program <dir>", "the Pulumi program folder", KIT_ROOT)
    .option(
      "--policy-config-key <key>",
      "the stack config key holding the policy-pack configuration",
      DEFAULT_POLICY_CONFIG_KEY,
    )
    .parse(process.argv);
  const opts = cmd.opts<{ stack: string; program: string; policyConfigKey: string }>();
  try {
    process.stdout.write(policyConfigJson(opts.program, opts.stack, opts.policyConfigKey));
  } catch (e) {
    process.stderr.write(`enclave policy-config: ${(e as Error).message}\n`);
    process.exit(2);
  }
}
