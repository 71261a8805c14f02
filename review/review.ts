import * as fs from "fs";
import * as path from "path";
import { PackSession, type PackAnalysis } from "./analyzer/client";
import { compiledPackDir, compiledPackHost } from "./analyzer/compile";
import { startPack, type PackProcess } from "./analyzer/process";
import { RequestBuilder, type StackContext } from "./analyzer/requests";
import type { CapturedResource } from "./engine/capture";
import { evaluateProgram } from "./engine/run";
import { judgedOf } from "./evidence";
import { masked } from "./engine/serialized";
import type {
  PackDescription,
  ReviewError,
  ReviewedResource,
  StackReview,
  Violation,
} from "./model";
import { listStacks, loadProgram, type ProgramInfo } from "./program";
import {
  emptyStackConfig,
  readStackConfig,
  readStackConfigFile,
  type StackConfig,
} from "./stackConfig";
import { applyWaivers, parseWaivers } from "./waivers";

/** The kit's own folder (review/..): its program and its packs are the defaults. */
export const KIT_ROOT = path.resolve(__dirname, "..");

export type StackSelection =
  | { readonly kind: "stack"; readonly name: string }
  | { readonly kind: "config"; readonly file: string }
  | { readonly kind: "all" }
  | { readonly kind: "none" };

export interface ReviewOptions {
  readonly programDir: string;
  readonly stacks: StackSelection;
  /** Pack folders to run; empty runs the program alone (`--no-packs`). */
  readonly packDirs: readonly string[];
  /** The account id the mock engine pretends to deploy into. */
  readonly awsAccountId: string;
  readonly organization: string;
  /** Date waivers are judged against, YYYY-MM-DD (UTC). */
  readonly today: string;
  /**
   * Start the kit's own packs from a cached esbuild transpilation (they are type-checked by
   * `npm test`) instead of letting the runner type-check them with ts-node at every start.
   * Default true; false runs every pack from source exactly as the Pulumi CLI does.
   */
  readonly compileKitPacks?: boolean;
}

const PACK_CACHE = path.join(KIT_ROOT, "node_modules", ".cache", "enclave-review");

/** Every pack folder (with a PulumiPolicy.yaml) directly under `dir`. */
export function discoverPacks(dir = path.join(KIT_ROOT, "policy-packs")): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir)
    .map((d) => path.join(dir, d))
    .filter((d) => fs.existsSync(path.join(d, "PulumiPolicy.yaml")))
    .sort();
}

/** A failure that stops the review before any stack could be looked at. */
export class ReviewSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReviewSetupError";
  }
}

function stackConfigsFor(program: ProgramInfo, selection: StackSelection): StackConfig[] {
  switch (selection.kind) {
    case "stack":
      return [readStackConfig(program, selection.name)];
    case "config":
      return [readStackConfigFile(program, selection.file)];
    case "all": {
      const stacks = listStacks(program);
      if (stacks.length === 0) {
        throw new ReviewSetupError(`--all: no Pulumi.<stack>.yaml in ${program.stackConfigDir}.`);
      }
      return stacks.map((s) => readStackConfig(program, s));
    }
    case "none":
      return [emptyStackConfig(program)];
  }
}

function toReviewed(r: CapturedResource): ReviewedResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    ...(r.parent ? { parent: r.parent } : {}),
    custom: r.custom,
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    ...(r.provider ? { provider: r.provider } : {}),
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    additionalSecretOutputs: r.additionalSecretOutputs,
    inputs: masked(r.inputs) as Record<string, unknown>,
    outputs: masked(r.outputs) as Record<string, unknown>,
  };
}

function parsePolicyConfig(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined) {
    return {};
  }
  const value: unknown = JSON.parse(raw);
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(
      "enclave:policy must be a mapping of policy names (or `all`) to a level or a config object.",
    );
  }
  return value as Record<string, unknown>;
}

function packFailure(directory: string, stack: string, e: unknown): ReviewError {
  return {
    phase: "pack",
    subject: directory,
    message: `the policy pack in ${directory} failed while analyzing stack ${stack}: ${(e as Error).message}`,
  };
}

/**
 * Evaluates one stack and has every pack analyze it. Each resource goes to the packs as soon as it
 * registers, while the program still runs (as the engine calls analyzers during an update); the
 * stack-wide AnalyzeStack follows once the program has finished.
 */
async function reviewStack(
  program: ProgramInfo,
  config: StackConfig,
  packs: () => Promise<readonly (PackProcess | ReviewError)[]>,
  options: ReviewOptions,
): Promise<StackReview> {
  const timingsMs: Record<string, number> = {};
  const errors: ReviewError[] = [];
  const configErrors: ReviewError[] = [];
  let policyConfig: Record<string, unknown> = {};
  let waivers: ReturnType<typeof parseWaivers> = [];
  try {
    policyConfig = parsePolicyConfig(config.values["enclave:policy"]);
    waivers = parseWaivers(config.values["enclave:waivers"]);
  } catch (e) {
    configErrors.push({ phase: "config", message: (e as Error).message, subject: config.file });
  }
  const ctx: StackContext = {
    stack: config.stack,
    project: program.project,
    organization: options.organization,
    config: config.values,
    secretKeys: config.secretKeys,
    policyConfig,
  };

  // Analyze requests in registration order; a session opened late gets the earlier ones first.
  const builder = new RequestBuilder(ctx);
  const requests: { readonly urn: string; readonly bytes: Buffer }[] = [];
  const seen = new Set<string>();
  const open: PackSession[] = [];
  const registered = (r: CapturedResource) => {
    if (!RequestBuilder.analyzed(r) || seen.has(r.urn)) {
      return;
    }
    seen.add(r.urn);
    const request = { urn: r.urn, bytes: builder.analyze(r) };
    requests.push(request);
    open.forEach((session) => session.analyze(request.urn, request.bytes));
  };
  const evaluating = evaluateProgram(
    {
      programDir: program.dir,
      main: program.main,
      project: program.project,
      stack: config.stack,
      organization: options.organization,
      config: config.values,
      secretKeys: config.secretKeys,
      awsAccountId: options.awsAccountId,
    },
    { onRegistered: registered },
  );
  const sessions = packs().then((started) =>
    Promise.all(
      started.map(async (pack): Promise<PackSession | ReviewError> => {
        if (!("address" in pack)) {
          return pack;
        }
        try {
          const session = await PackSession.open(pack.address, pack.directory, ctx);
          requests.forEach((q) => session.analyze(q.urn, q.bytes));
          open.push(session);
          return session;
        } catch (e) {
          return packFailure(pack.directory, config.stack, e);
        }
      }),
    ),
  );

  const evaluation = await evaluating;
  Object.assign(timingsMs, evaluation.timingsMs);
  if (evaluation.error) {
    errors.push({
      phase: evaluation.error.phase,
      message: evaluation.error.message,
      subject: program.dir,
    });
  }
  errors.push(...configErrors);

  const described: PackDescription[] = [];
  const violations: Violation[] = [];
  const analyses: PackAnalysis[] = [];
  if (evaluation.error) {
    // Closed before the next stack configures the same packs, so no call of this one lands later.
    (await sessions).forEach((s) => s instanceof PackSession && s.close());
  } else {
    // Registrations still in transit when the evaluation process exited.
    evaluation.resources.forEach(registered);
    const started = Date.now();
    const stackRequest = builder.stack(evaluation.resources);
    const list = await sessions;
    await Promise.all(
      list.map(async (session) => {
        if (!(session instanceof PackSession)) {
          errors.push(session);
          return;
        }
        try {
          const result = await session.finish(stackRequest);
          analyses.push(result);
          described.push(result.pack);
          violations.push(...result.violations);
        } catch (e) {
          errors.push(packFailure(session.directory, config.stack, e));
        }
      }),
    );
    timingsMs["analyze"] = Date.now() - started;
  }
  described.sort((a, b) => a.name.localeCompare(b.name));
  const outcome = applyWaivers(violations, waivers, options.today);
  return {
    project: program.project,
    stack: config.stack,
    programDir: program.dir,
    ...(config.file ? { configFile: config.file } : {}),
    placeholderSecrets: config.placeholderSecrets,
    resources: evaluation.resources.map(toReviewed),
    outputs: masked(evaluation.stackOutputs) as Record<string, unknown>,
    packs: described,
    judged: judgedOf(analyses, evaluation.resources.filter(RequestBuilder.analyzed)),
    violations: outcome.violations,
    waived: outcome.waived,
    expiredWaivers: outcome.expiredWaivers,
    unusedWaivers: outcome.unusedWaivers,
    errors,
    timingsMs,
  };
}

/**
 * Reviews one or more stacks of a program offline: evaluates each under the mock engine and
 * hands every resource to every pack over the analyzer protocol. Packs start once, in parallel
 * with the first evaluation, and serve every stack.
 */
export async function runReview(options: ReviewOptions): Promise<StackReview[]> {
  const program = loadProgram(options.programDir);
  const configs = stackConfigsFor(program, options.stacks);
  const started = Date.now();
  let packStartMs = 0;
  // Packs start once, right after the first evaluation process (the longest single step), and
  // serve every stack.
  let packsReady: Promise<readonly (PackProcess | ReviewError)[]> | undefined;
  const packs = () =>
    (packsReady ??= Promise.all(
      options.packDirs.map(async (dir) => {
        try {
          if (options.compileKitPacks === false) {
            return await startPack(dir);
          }
          const runFrom = compiledPackDir(dir, path.join(KIT_ROOT, "policy-packs"), PACK_CACHE);
          return await startPack(
            dir,
            runFrom === path.resolve(dir) ? {} : { runFrom, host: compiledPackHost(PACK_CACHE) },
          );
        } catch (e) {
          return {
            phase: "pack",
            subject: dir,
            message: (e as Error).message,
          } satisfies ReviewError;
        }
      }),
    ).then((p) => {
      packStartMs = Date.now() - started;
      return p;
    }));
  try {
    const reviews: StackReview[] = [];
    for (const config of configs) {
      const review = await reviewStack(program, config, packs, options);
      reviews.push({ ...review, timingsMs: { ...review.timingsMs, packStart: packStartMs } });
    }
    return reviews;
  } finally {
    for (const p of packsReady ? await packsReady : []) {
      if ("stop" in p) {
        p.stop();
      }
    }
  }
}
