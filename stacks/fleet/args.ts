import { Command, CommanderError } from "commander";
import { FleetUsageError, type Selection } from "./plan";

export const OPERATIONS = ["preview", "up"] as const;
export type Operation = (typeof OPERATIONS)[number];

export const DEFAULT_CONCURRENCY = 2;
export const MAX_CONCURRENCY = 16;

export interface FleetArgs {
  readonly operation: Operation;
  readonly selection: Selection;
  readonly concurrency: number;
}

export const HELP_AFTER = `
Runs \`pulumi preview\` or \`pulumi up\` over several stacks of this program through the Pulumi
Automation API, each with the kit's policy packs (every folder of policy-packs/) and the stack's
own enclave:policy as their configuration (each pack gets \`all\` and its own policies'
entries). Platform stacks (enclave:stackRole: platform) run before tenant stacks; at most
--concurrency stacks run at a time. A table sums up each stack.

Needs what \`pulumi up\` needs: the Pulumi CLI on PATH, a login to the backend holding the stacks
(\`pulumi login\`), and credentials for each stack's cloud (AWS, GCP or the kubeconfig context).
\`npm run review\` is the offline check that needs none of them.

Exit: 0 every stack succeeded; 1 a stack has mandatory policy violations; 2 bad arguments, no CLI,
or a stack that could not be previewed or updated (the worst result wins).`;

const fail = (message: string): never => {
  throw new FleetUsageError(message);
};

/** Parses `preview|up (--stacks a,b,... | --all) [--concurrency N]`; throws FleetUsageError. */
export function parseFleetArgs(
  argv: readonly string[],
  write: (s: string) => void,
): FleetArgs | "help" {
  const cmd = new Command()
    .name("npm run fleet --")
    .usage("preview|up (--stacks a,b,... | --all) [--concurrency N]")
    .argument("[operation]", "preview or up")
    .option("--stacks <names>", "comma-separated stack names (stacks/Pulumi.<name>.yaml)")
    .option("--all", "every stack of the program's stack folder")
    .option(
      "--concurrency <n>",
      `how many stacks run at once (1-${MAX_CONCURRENCY})`,
      String(DEFAULT_CONCURRENCY),
    )
    .addHelpText("after", HELP_AFTER)
    .allowExcessArguments(true)
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: () => undefined });
  try {
    cmd.parse([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError && e.code === "commander.helpDisplayed") {
      return "help";
    }
    const text = e instanceof Error ? e.message.replace(/^error: /, "") : String(e);
    return fail(`fleet: ${text}. Fix: see \`npm run fleet -- --help\`.`);
  }
  const operation = cmd.args[0];
  if (operation === undefined) {
    fail(
      "fleet: no operation given. Fix: run `npm run fleet -- preview --all` or `npm run fleet -- up --stacks <a,b>`.",
    );
  }
  if (cmd.args.length > 1) {
    fail(
      `fleet: unexpected argument "${cmd.args[1]}". Fix: name stacks with --stacks a,b (comma-separated), not as arguments.`,
    );
  }
  if (!(OPERATIONS as readonly string[]).includes(operation!)) {
    fail(`fleet: "${operation}" is not an operation. Fix: use preview or up.`);
  }
  const opts = cmd.opts<{ stacks?: string; all?: boolean; concurrency: string }>();
  if (opts.stacks !== undefined && opts.all) {
    fail("fleet: --stacks and --all exclude each other. Fix: pass one of them.");
  }
  if (opts.stacks === undefined && !opts.all) {
    fail("fleet: no stacks chosen. Fix: pass --stacks a,b,... or --all.");
  }
  let selection: Selection = { all: true };
  if (opts.stacks !== undefined) {
    const names = opts.stacks.split(",").map((s) => s.trim());
    if (names.some((n) => n === "")) {
      fail(
        `fleet: --stacks "${opts.stacks}" has an empty name. Fix: list stack names separated by commas, e.g. --stacks aws-dev,aws-prod.`,
      );
    }
    selection = { stacks: names };
  }
  const n = Number(opts.concurrency);
  if (!/^\d+$/.test(opts.concurrency) || n < 1 || n > MAX_CONCURRENCY) {
    fail(
      `fleet: --concurrency "${opts.concurrency}" is not a whole number from 1 to ${MAX_CONCURRENCY}. Fix: pass e.g. --concurrency ${DEFAULT_CONCURRENCY}.`,
    );
  }
  return { operation: operation as Operation, selection, concurrency: n };
}
