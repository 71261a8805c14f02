/**
 * `npm run images -- --stack NAME [--json FILE] [--program DIR]`: every container image the stack
 * will run (see image-list.ts), from the stack's own offline run (the reviewer's mock engine, no
 * packs). Exit: 0 every image listed and pinned by digest; 1 an image without a digest, an image
 * the list cannot resolve, or a workload it cannot see (each named); 2 bad arguments or the
 * program could not be evaluated.
 */
import { Command } from "commander";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_ACCOUNT_ID, stackOutputsFile } from "../review/cli";
import { outputsFromJson } from "../review/engine/stackReferences";
import { KIT_ROOT, runReview } from "../review/review";
import { exitCodeOfList, listImages, renderList } from "./image-list";

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name("npm run images --")
    .description("List every container image a stack will run, with the resources that run it.")
    .requiredOption("--stack <name>", "the stack config Pulumi.<name>.yaml of the program")
    .option("--program <dir>", "the Pulumi TypeScript program", KIT_ROOT)
    .option("--json <file>", 'also write { "images": [{ "image", "resources" }], ... } here')
    .option(
      "--stack-outputs <name=file>",
      "the outputs of a stack this one reads by StackReference (a tenant's platform), as `npm run review -- --outputs FILE` writes them; repeatable",
      stackOutputsFile,
      [] as [string, string][],
    )
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    return (error as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const options = program.opts<{
    stack: string;
    program: string;
    json?: string;
    stackOutputs: [string, string][];
  }>();
  let reviews;
  try {
    const stackOutputs: Record<string, Record<string, unknown>> = {};
    for (const [name, file] of options.stackOutputs) {
      stackOutputs[name] = outputsFromJson(JSON.parse(fs.readFileSync(file, "utf8")), file);
    }
    reviews = await runReview({
      programDir: options.program,
      stacks: { kind: "stack", name: options.stack },
      packDirs: [],
      awsAccountId: DEFAULT_ACCOUNT_ID,
      organization: "organization",
      today: new Date().toISOString().slice(0, 10),
      stackOutputs,
    });
  } catch (error) {
    // Setup problems (no such stack, no program, a bad config file) are the caller's to fix.
    process.stderr.write(`enclave images: ${(error as Error).message}\n`);
    return 2;
  }
  const review = reviews[0]!;
  if (review.errors.length > 0) {
    for (const e of review.errors) {
      process.stderr.write(`${e.phase}: ${e.message}\n`);
    }
    return 2;
  }
  const list = listImages(review.resources);
  process.stdout.write(renderList(review.stack, list));
  if (options.json) {
    fs.mkdirSync(path.dirname(path.resolve(options.json)), { recursive: true });
    fs.writeFileSync(
      options.json,
      `${JSON.stringify({ stack: review.stack, ...list }, null, 2)}\n`,
    );
  }
  return exitCodeOfList(list);
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
