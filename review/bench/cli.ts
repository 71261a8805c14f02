/**
 * `npm run bench` (not part of `npm test`): times the reviewer on the reference stacks, on
 * synthetic programs of growing size and on fleets of tenant stacks, each against the program
 * alone (`--no-packs`), with @pulumi/awsguard alone for comparison. Prints a Markdown table,
 * writes it with the machine it ran on to docs/bench/bench.md and a plot to docs/bench/bench.png.
 *
 *   npm run bench -- [--runs N] [--sizes 100,1000,5000] [--fleets 1,10,50] [--out DIR]
 */
import { Command, InvalidArgumentError } from "commander";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { benchCases, type Case } from "./cases";
import { median, runReview, type Run } from "./measure";
import { plotPng } from "./plot";
import { markdownTable, type Row } from "./table";

const ROOT = path.resolve(__dirname, "../..");

function counts(flag: string) {
  return (value: string): number[] => {
    const list = value.split(",").map((v) => Number(v.trim()));
    if (list.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new InvalidArgumentError(
        `${flag} ${value}: give whole numbers of at least 1, comma-separated (e.g. 1,10,50).`,
      );
    }
    return list;
  };
}

async function main(argv: string[]): Promise<number> {
  const program = new Command("bench")
    .option(
      "--runs <n>",
      "paired runs per case (median reported)",
      (v) => counts("--runs")(v)[0]!,
      3,
    )
    .option(
      "--sizes <list>",
      "synthetic program sizes, in resources",
      counts("--sizes"),
      [100, 1000, 5000],
    )
    .option(
      "--fleets <list>",
      "numbers of tenant stacks reviewed with --all",
      counts("--fleets"),
      [1, 10, 50],
    )
    .option("--out <dir>", "where bench.md and bench.png go", path.join(ROOT, "docs/bench"))
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    return (error as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const opts = program.opts<{ runs: number; sizes: number[]; fleets: number[]; out: string }>();
  // Inside the repository: the generated fleet programs resolve the kit's node_modules from there.
  fs.mkdirSync(path.join(ROOT, ".bench"), { recursive: true });
  const work = fs.mkdtempSync(path.join(ROOT, ".bench", "run-"));
  const loadBefore = os.loadavg()[0]!;
  try {
    const cases = benchCases({ sizes: opts.sizes, fleets: opts.fleets, work });
    const rows: Row[] = [];
    for (const [i, c] of cases.entries()) {
      rows.push(await measure(c, opts.runs, path.join(work, `case-${i}.json`)));
      const r = rows[rows.length - 1]!;
      process.stderr.write(
        `[${i + 1}/${cases.length}] ${c.label} (${c.packs}): ${r.seconds.toFixed(1)} s vs ${r.noPacksSeconds.toFixed(1)} s alone, ${Math.round(r.peakMiB)} MiB\n`,
      );
    }
    const table = markdownTable(rows);
    process.stdout.write(`${table}\n`);
    fs.mkdirSync(opts.out, { recursive: true });
    fs.writeFileSync(
      path.join(opts.out, "bench.md"),
      `${machine(loadBefore, os.loadavg()[0]!)}\n\n${table}\n`,
    );
    fs.writeFileSync(path.join(opts.out, "bench.png"), await plotPng(rows));
    process.stderr.write(`wrote ${path.join(opts.out, "bench.md")} and bench.png\n`);
    return 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Paired runs: the review and the program alone one after the other, so drift hits both. */
async function measure(c: Case, runs: number, json: string): Promise<Row> {
  const review: Run[] = [];
  const alone: Run[] = [];
  for (let i = 0; i < runs; i++) {
    review.push(await runReview([...c.args, "--json", json]));
    alone.push(await runReview([...c.args, "--no-packs"]));
  }
  const report = JSON.parse(fs.readFileSync(json, "utf8")) as {
    resources?: unknown[];
    stacks?: { resources: unknown[] }[];
  };
  const resources = (report.stacks ?? [report]).reduce((n, s) => n + (s.resources?.length ?? 0), 0);
  return {
    ...c,
    resources,
    seconds: median(review.map((r) => r.seconds)),
    noPacksSeconds: median(alone.map((r) => r.seconds)),
    peakMiB: Math.max(...review.map((r) => r.peakMiB)),
    runs,
  };
}

/** The machine, and how busy it was: a shared machine's numbers are not a quiet machine's. */
function machine(loadBefore: number, loadAfter: number): string {
  const cpus = os.cpus();
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"},`,
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${os.type()} ${os.release()};`,
    "medians of paired runs (the review, then the program alone), wall clock from process start to exit;",
    `load average (1 min) ${loadBefore.toFixed(2)} at the start and ${loadAfter.toFixed(2)} at the end.`,
  ].join(" ");
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
