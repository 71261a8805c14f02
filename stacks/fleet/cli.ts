/**
 * npm run fleet -- preview|up (--stacks a,b,... | --all) [--concurrency N]
 *
 * `pulumi preview` or `pulumi up` over several stacks through the Automation API, with the kit's
 * policy packs and each stack's enclave:policy; platform stacks first; a summary table; the exit
 * code is the worst result. Needs the Pulumi CLI and credentials (see --help).
 */
import { parseFleetArgs } from "./args";
import { FleetUsageError, planFleet } from "./plan";
import { exitCode, runFleet, summaryTable, type FleetDeps } from "./run";
import { automationDeps, MISSING_CLI, missingCli, STACKS_DIR } from "./workspace";

export interface CliEnv {
  readonly stacksDir: string;
  /** Why the Pulumi CLI cannot run, or undefined. */
  readonly missingCli: () => string | undefined;
  readonly deps: () => FleetDeps;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

export async function main(argv: readonly string[], env: CliEnv): Promise<number> {
  try {
    const args = parseFleetArgs(argv, env.out);
    if (args === "help") {
      return 0;
    }
    const plan = planFleet(env.stacksDir, args.selection);
    const why = env.missingCli();
    if (why !== undefined) {
      env.err(`${MISSING_CLI(why)}\n`);
      return 2;
    }
    env.out(
      `fleet ${args.operation}: ${plan.map((s) => `${s.name} (${s.role})`).join(", ")}; at most ${args.concurrency} at a time\n`,
    );
    const results = await runFleet(plan, args.operation, args.concurrency, env.deps());
    env.out(`${summaryTable(args.operation, results)}\n`);
    return exitCode(results);
  } catch (e) {
    if (e instanceof FleetUsageError) {
      env.err(`${e.message}\n`);
      return 2;
    }
    env.err(`fleet: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    stacksDir: STACKS_DIR,
    missingCli,
    deps: automationDeps,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then((code) => process.exit(code));
}
