/**
 * enclave's offline reviewer: runs a Pulumi program under a mock engine and hands every resource
 * to CrossGuard policy packs over the analyzer protocol, as the Pulumi CLI would. No cloud
 * credentials, no Pulumi CLI, no network.
 *
 *   npm run review -- [--program DIR | --state FILE] [--stack NAME | --config FILE | --all [--jobs N]] [--policy-pack DIR]...
 *                     [--no-packs] [--json FILE] [--sarif FILE] [--markdown FILE]
 *                     [--policy-config-key KEY] [--waivers-key KEY] [--bundle DIR] [--verify DIR]
 *                     [--stack-outputs NAME=FILE]... [--outputs FILE]
 *
 * Exit: 0 no mandatory violation; 1 mandatory violations; 2 could not be evaluated.
 */
import { Command, InvalidArgumentError } from "commander";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bundleCommand, verifyCommand } from "./bundle/cli";
import { DEFAULT_POLICY_CONFIG_KEY, DEFAULT_WAIVERS_KEY } from "./contract";
import { exitCodeOfAll, type StackReview } from "./model";
import { renderJson, renderMarkdown, renderSarif, renderTable } from "./report";
import { progressLine } from "./report/progress";
import { discoverPacks, KIT_ROOT, runReview, type StackSelection } from "./review";
import { outputsFromJson } from "./engine/stackReferences";

/** The account id the offline engine pretends to deploy into (AWS's documentation example). */
export const DEFAULT_ACCOUNT_ID = "123456789012";

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError("expected a date as YYYY-MM-DD.");
  }
  return value;
}

function jobCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError("expected a whole number of stacks at once, 1 or more.");
  }
  return Number(value);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function stackOutputsFile(value: string, previous: [string, string][]): [string, string][] {
  const at = value.indexOf("=");
  if (at <= 0 || at === value.length - 1) {
    throw new InvalidArgumentError(
      "expected NAME=FILE: the stack name as the program's StackReference gives it, and a JSON of its outputs.",
    );
  }
  return [...previous, [value.slice(0, at), value.slice(at + 1)]];
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name("npm run review --")
    .description("Review a Pulumi program's stacks offline against CrossGuard policy packs.")
    .option(
      "--program <dir>",
      "the Pulumi TypeScript program (a folder with index.ts, Pulumi.yaml optional)",
      KIT_ROOT,
    )
    .option(
      "--stack <name>",
      "review the stack config Pulumi.<name>.yaml from the program's stack config folder",
    )
    .option("--config <file>", "review with this stack config file")
    .option("--all", "review every stack in the program's stack config folder")
    .option(
      "--state <file>",
      "review this `pulumi stack export` (version 3) instead of running a program; --stack/--config add that stack's levels and waivers",
    )
    .option(
      "--jobs <n>",
      "with --all, review this many stacks at once (default: the number of cores)",
      jobCount,
      os.availableParallelism(),
    )
    .option(
      "--policy-pack <dir>",
      "run this pack (repeatable); replaces the default set (every pack under policy-packs/)",
      collect,
      [],
    )
    .option(
      "--no-packs",
      "run the program alone, without packs (measures the reviewer's own overhead)",
    )
    .option(
      "--no-pack-cache",
      "start enclave's own packs from source, type-checked by the runner as the Pulumi CLI does (slower)",
    )
    .option(
      "--stack-outputs <name=file>",
      "answer the program's StackReference to NAME from FILE, a JSON of NAME's outputs (as --outputs or `pulumi stack output --json` write it; \"[secret]\" values stay secrets); repeatable",
      stackOutputsFile,
      [],
    )
    .option(
      "--outputs <file>",
      "with --stack or --config: write the stack's outputs as JSON (secrets as \"[secret]\"), for another stack's --stack-outputs",
    )
    .option("--json <file>", "write the JSON report")
    .option("--sarif <file>", "write a SARIF 2.1.0 log")
    .option("--markdown <file>", "write a Markdown summary (for a pull-request comment)")
    .option("--no-by-control", "leave the NIST SP 800-53 section out of the Markdown summary")
    .option(
      "--as-of <date>",
      "judge waiver expiry as of this date (YYYY-MM-DD); default today",
      isoDate,
    )
    .option(
      "--account-id <id>",
      "AWS account id the offline engine pretends to deploy into",
      DEFAULT_ACCOUNT_ID,
    )
    .option(
      "--policy-config-key <key>",
      "the stack config key holding the policy-pack configuration (a --policy-pack-config mapping)",
      DEFAULT_POLICY_CONFIG_KEY,
    )
    .option(
      "--waivers-key <key>",
      "the stack config key holding the waivers ([{ policy, resource, justification, expires }])",
      DEFAULT_WAIVERS_KEY,
    )
    .option(
      "--bundle <dir>",
      "with --stack or --state: write an evidence bundle (reports, catalogue, masked config, manifest.json)",
    )
    .option("--verify <dir>", "check an evidence bundle against its manifest.json, then exit")
    .option("--quiet", "print only the verdict lines")
    .exitOverride()
    .showHelpAfterError();

  try {
    program.parse(argv as string[], { from: "user" });
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  const opts = program.opts<{
    program: string;
    stack?: string;
    config?: string;
    all?: boolean;
    jobs: number;
    policyPack: string[];
    packs: boolean;
    packCache: boolean;
    json?: string;
    sarif?: string;
    markdown?: string;
    byControl: boolean;
    asOf?: string;
    accountId: string;
    policyConfigKey: string;
    waiversKey: string;
    quiet?: boolean;
    bundle?: string;
    verify?: string;
    state?: string;
    stackOutputs: [string, string][];
    outputs?: string;
  }>();
  if (opts.verify !== undefined) {
    return verifyCommand(opts.verify);
  }
  if (opts.state !== undefined && program.getOptionValueSource("program") === "cli") {
    process.stderr.write(
      `enclave review: --state ${opts.state} reviews a stack export without running any program, so --program cannot be given with it. Fix: drop --program (give --stack NAME or --config FILE for the stack's levels and waivers), or drop --state to run the program.\n`,
    );
    return 2;
  }
  if (opts.bundle !== undefined && opts.stack === undefined && opts.state === undefined) {
    process.stderr.write(
      "enclave review: --bundle DIR needs --stack NAME or --state FILE (one stack per bundle).\n",
    );
    return 2;
  }

  const chosen = [opts.stack !== undefined, opts.config !== undefined, opts.all === true].filter(
    Boolean,
  ).length;
  if (chosen > 1) {
    process.stderr.write("enclave review: give only one of --stack, --config and --all.\n");
    return 2;
  }
  if (!/^\d{12}$/.test(opts.accountId)) {
    process.stderr.write(
      `enclave review: --account-id ${opts.accountId} is not a 12-digit AWS account id.\n`,
    );
    return 2;
  }
  if (opts.outputs !== undefined && opts.stack === undefined && opts.config === undefined) {
    process.stderr.write(
      `enclave review: --outputs ${opts.outputs} writes one stack's outputs, so it needs --stack NAME or --config FILE. Fix: give --stack NAME (with --all, each stack's outputs are handed to the stacks that read them without a file).\n`,
    );
    return 2;
  }
  const stackOutputs: Record<string, Record<string, unknown>> = {};
  for (const [name, file] of opts.stackOutputs) {
    try {
      stackOutputs[name] = outputsFromJson(JSON.parse(fs.readFileSync(file, "utf8")), file);
    } catch (e) {
      const cause =
        (e as NodeJS.ErrnoException).code === "ENOENT"
          ? `${file} does not exist`
          : (e as Error).message;
      process.stderr.write(
        `enclave review: --stack-outputs ${name}=${file}: ${cause}${cause.includes("Fix:") ? "" : `. Fix: write it with \`npm run review -- --stack ${name} --outputs ${file}\` or \`pulumi stack output --json > ${file}\``}\n`,
      );
      return 2;
    }
  }
  const stacks: StackSelection = opts.stack
    ? { kind: "stack", name: opts.stack }
    : opts.config
      ? { kind: "config", file: opts.config }
      : opts.all
        ? { kind: "all" }
        : { kind: "none" };
  const packDirs = !opts.packs
    ? []
    : opts.policyPack.length > 0
      ? opts.policyPack.map((p) => path.resolve(p))
      : discoverPacks();

  let reviews: StackReview[];
  try {
    reviews = await runReview({
      programDir: opts.program,
      stacks,
      packDirs,
      awsAccountId: opts.accountId,
      organization: "organization",
      today: opts.asOf ?? new Date().toISOString().slice(0, 10),
      compileKitPacks: opts.packCache,
      policyConfigKey: opts.policyConfigKey,
      waiversKey: opts.waiversKey,
      jobs: opts.jobs,
      stackOutputs,
      ...(opts.state !== undefined ? { state: opts.state } : {}),
      // --all on a terminal: one line per stack as it finishes.
      ...(opts.all && process.stderr.isTTY
        ? {
            onStack: (r: StackReview, done: number, total: number, ms: number) =>
              process.stderr.write(progressLine(r, done, total, ms)),
          }
        : {}),
    });
  } catch (e) {
    process.stderr.write(`enclave review: ${(e as Error).message}\n`);
    return 2;
  }

  const all = opts.all === true;
  const table = renderTable(reviews, {
    all,
    color: process.stdout.isTTY === true,
    ...(opts.quiet ? { quiet: true } : {}),
  });
  process.stdout.write(table.endsWith("\n") ? table : `${table}\n`);
  if (opts.outputs && reviews[0]) {
    write(opts.outputs, `${JSON.stringify(reviews[0].outputs, null, 2)}\n`);
  }
  if (opts.json) {
    write(opts.json, renderJson(reviews, { all }));
  }
  if (opts.sarif) {
    write(opts.sarif, renderSarif(reviews, { all }));
  }
  if (opts.markdown) {
    write(opts.markdown, renderMarkdown(reviews, { all, byControl: opts.byControl }));
  }
  if (opts.bundle && reviews[0]) {
    bundleCommand(opts.bundle, reviews[0]);
  }
  for (const review of reviews) {
    for (const error of review.errors) {
      process.stderr.write(
        `enclave review: ${review.stack}: ${error.phase} error: ${error.message}\n`,
      );
    }
  }
  return exitCodeOfAll(reviews);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      // Exit once pending I/O is done (tsx writes its transform cache asynchronously; cut short,
      // the next run transpiles the reviewer again), but not later than half a second.
      process.exitCode = code;
      setTimeout(() => process.exit(code), 500).unref();
    },
    (e) => {
      process.stderr.write(
        `enclave review: unexpected failure: ${(e as Error).stack ?? String(e)}\n`,
      );
      process.exit(2);
    },
  );
}
