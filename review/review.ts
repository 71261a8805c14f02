import * as fs from "fs";
import * as path from "path";
import { compiledPackDir } from "./analyzer/compile";
import { Fanout } from "./analyzer/fanout";
import { loadPackHandlers } from "./analyzer/inProcess";
import { PackPool, type RunningPack } from "./analyzer/pool";
import { startPack } from "./analyzer/process";
import { RequestBuilder, type StackContext } from "./analyzer/requests";
import { StackSessions, type StackAnalysis } from "./analyzer/sessions";
import { DEFAULT_POLICY_CONFIG_KEY, DEFAULT_WAIVERS_KEY, type Waiver } from "./contract";
import type { CapturedResource, EvaluationResult } from "./engine/capture";
import { evaluateProgram } from "./engine/run";
import type { StackReferenceSources } from "./engine/stackReferences";
import { judgedOf } from "./evidence";
import { masked } from "./engine/serialized";
import type { ReviewError, ReviewedResource, StackReview } from "./model";
import { listStacks, loadProgram, type ProgramInfo } from "./program";
import {
  emptyStackConfig,
  readStackConfig,
  readStackConfigFile,
  type StackConfig,
} from "./stackConfig";
import { readStackExport, StateError, type StateEvaluation } from "./state/read";
import { applyWaivers, parseWaivers } from "./waivers";
import { cycleError, ReferenceSchedule } from "./schedule";

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
  /** The config key holding the stack's policy-pack configuration; default `enclave:policy`. */
  readonly policyConfigKey?: string;
  /** The config key holding the stack's waivers; default `enclave:waivers`. */
  readonly waiversKey?: string;
  /** Stacks reviewed at once (`--jobs`), each job with its own packs; default 1. */
  readonly jobs?: number;
  /**
   * Review this `pulumi stack export` (version 3) instead of running the program: its resources go
   * to the packs through the same requests. `stacks` then only chooses the config (levels,
   * waivers): `{ kind: "stack" }` must name the export's stack; `{ kind: "all" }` is refused.
   */
  readonly state?: string;
  /**
   * Called with what the engine registered for each stack (before the packs' stack-wide
   * analysis), e.g. to turn a program's run into a stack export.
   */
  readonly onEvaluated?: (stack: string, evaluation: EvaluationResult) => void;
  /**
   * Outputs of stacks outside this run, by the name the programs' StackReferences use
   * (`--stack-outputs NAME=FILE`), serialized (secret wrappers kept).
   */
  readonly stackOutputs?: Readonly<Record<string, Record<string, unknown>>>;
  /** Called as each stack finishes, with the number finished so far and its own duration. */
  readonly onStack?: (review: StackReview, done: number, total: number, elapsedMs: number) => void;
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

function parsePolicyConfig(raw: string | undefined, key: string): Record<string, unknown> {
  if (raw === undefined) {
    return {};
  }
  const value: unknown = JSON.parse(raw);
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(
      `${key} must be a mapping of policy names (or \`all\`) to a level or a config object.`,
    );
  }
  return value as Record<string, unknown>;
}

/**
 * Evaluates one stack and has every pack analyze it. Each resource goes to the packs as soon as it
 * registers, while the program still runs (as the engine calls analyzers during an update); the
 * stack-wide AnalyzeStack follows once the program has finished.
 */
async function reviewStack(
  program: ProgramInfo,
  config: StackConfig,
  pool: PackPool,
  options: ReviewOptions,
  state?: StateEvaluation,
  references?: StackReferenceSources,
): Promise<{ review: StackReview; evaluation: EvaluationResult }> {
  const policyConfigKey = options.policyConfigKey ?? DEFAULT_POLICY_CONFIG_KEY;
  const waiversKey = options.waiversKey ?? DEFAULT_WAIVERS_KEY;
  const errors: ReviewError[] = [];
  let policyConfig: Record<string, unknown> = {};
  let waivers: Waiver[] = [];
  let configError: ReviewError | undefined;
  try {
    policyConfig = parsePolicyConfig(config.values[policyConfigKey], policyConfigKey);
    waivers = parseWaivers(config.values[waiversKey], waiversKey);
  } catch (e) {
    configError = { phase: "config", message: (e as Error).message, subject: config.file };
  }
  const ctx: StackContext = {
    stack: config.stack,
    project: state ? state.project : program.project,
    organization: options.organization,
    config: config.values,
    secretKeys: config.secretKeys,
    policyConfig,
  };

  const builder = new RequestBuilder(ctx);
  const fanout = new Fanout(builder);
  if (state) {
    builder.remember(state.defaultProviders);
  }
  const evaluating = state
    ? Promise.resolve(stateEvaluation(state))
    : evaluateProgram(
        {
          programDir: program.dir,
          main: program.main,
          project: program.project,
          stack: config.stack,
          organization: options.organization,
          config: config.values,
          secretKeys: config.secretKeys,
          awsAccountId: options.awsAccountId,
          ...(references ? { stackReferences: references } : {}),
        },
        { onRegistered: fanout.register },
      );
  const sessions = new StackSessions(pool.packs(), ctx, fanout);

  const evaluation = await evaluating;
  options.onEvaluated?.(config.stack, evaluation);
  const timingsMs: Record<string, number> = { ...evaluation.timingsMs };
  if (evaluation.error) {
    errors.push({
      phase: evaluation.error.phase,
      message: evaluation.error.message,
      subject: program.dir,
    });
  }
  if (configError) {
    errors.push(configError);
  }

  let analysis: StackAnalysis = { packs: [], analyses: [], violations: [], errors: [] };
  if (evaluation.error) {
    await sessions.close();
  } else {
    // Registrations still in transit when the evaluation process exited.
    evaluation.resources.forEach(fanout.register);
    const started = Date.now();
    analysis = await sessions.finish(builder.stack(evaluation.resources));
    timingsMs["analyze"] = Date.now() - started;
  }
  errors.push(...analysis.errors);
  const outcome = applyWaivers(analysis.violations, waivers, options.today, waiversKey);
  const review: StackReview = {
    project: ctx.project,
    stack: config.stack,
    // Nothing ran for a stack export: no program folder.
    programDir: state ? "" : program.dir,
    ...(state ? { stateFile: state.file, stateSecrets: state.secrets } : {}),
    ...(config.file ? { configFile: config.file } : {}),
    placeholderSecrets: config.placeholderSecrets,
    resources: evaluation.resources.map(toReviewed),
    outputs: masked(evaluation.stackOutputs) as Record<string, unknown>,
    packs: analysis.packs,
    judged: judgedOf(analysis.analyses, evaluation.resources.filter(RequestBuilder.analyzed)),
    violations: outcome.violations,
    waived: outcome.waived,
    expiredWaivers: outcome.expiredWaivers,
    unusedWaivers: outcome.unusedWaivers,
    errors,
    timingsMs,
  };
  return { review, evaluation };
}

/** A stack export as if the engine had just registered its resources. */
function stateEvaluation(state: StateEvaluation): EvaluationResult {
  return {
    project: state.project,
    stack: state.stack,
    resources: state.resources,
    stackOutputs: state.stackOutputs,
    timingsMs: {},
  };
}

/**
 * The stack config a stack export is reviewed under: the one `--stack`/`--config` chose (its
 * levels and waivers), named as the export's stack, or none.
 */
function stateConfig(
  program: ProgramInfo,
  selection: StackSelection,
  state: StateEvaluation,
  file: string,
): StackConfig {
  if (selection.kind === "all") {
    throw new StateError(
      `--state ${file} is the export of one stack (${state.stack}); --all reviews a program's stacks. Fix: drop --all, or run --all without --state.`,
    );
  }
  if (selection.kind === "stack" && selection.name !== state.stack) {
    throw new StateError(
      `--state ${file} is an export of stack "${state.stack}", but --stack names "${selection.name}": one stack's levels and waivers would judge another. Fix: give --stack ${state.stack}, or the export of ${selection.name}.`,
    );
  }
  if (selection.kind === "none") {
    // No stack file: no config at all (not the program folder's defaults: no program is involved).
    return { stack: state.stack, values: {}, secretKeys: [], placeholderSecrets: [] };
  }
  return { ...stackConfigsFor(program, selection)[0]!, stack: state.stack };
}

/**
 * Starts one pack: the kit's own loaded into this process from the cached transpilation unless
 * told otherwise; any other pack in its own process through the SDK's runner, as the CLI does.
 */
function packStarter(options: ReviewOptions): (dir: string) => Promise<RunningPack> {
  return async (dir) => {
    if (options.compileKitPacks === false) {
      return startPack(dir);
    }
    const runFrom = compiledPackDir(dir, path.join(KIT_ROOT, "policy-packs"), PACK_CACHE);
    return runFrom === path.resolve(dir)
      ? startPack(dir)
      : { directory: path.resolve(dir), handlers: loadPackHandlers(runFrom) };
  };
}

/**
 * Reviews one or more stacks of a program offline: evaluates each under the mock engine and
 * hands every resource to every pack over the analyzer protocol. Up to `jobs` stacks run at once;
 * each job has its own packs, started once, in parallel with its first evaluation, and
 * re-configured for each stack it reviews after the previous one finished, so no stack is ever
 * judged under another's levels.
 */
export async function runReview(options: ReviewOptions): Promise<StackReview[]> {
  const program = loadProgram(options.programDir);
  const state = options.state === undefined ? undefined : readStackExport(options.state);
  const configs = state
    ? [stateConfig(program, options.stacks, state, options.state!)]
    : stackConfigsFor(program, options.stacks);
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, configs.length));
  const pools: PackPool[] = [];
  const reviews: StackReview[] = [];
  const schedule = new ReferenceSchedule(
    configs.map((c) => c.stack),
    options.stackOutputs ?? {},
    program.project,
  );
  let done = 0;
  const job = async (): Promise<void> => {
    const pool = new PackPool(options.packDirs, packStarter(options));
    pools.push(pool);
    for (let index = schedule.next(); index !== undefined; index = schedule.next()) {
      const started = Date.now();
      const stack = configs[index]!.stack;
      const { review, evaluation } = await reviewStack(
        program,
        configs[index]!,
        pool,
        options,
        state,
        schedule.sources(),
      );
      if (schedule.deferred(index, evaluation.missingStackReferences ?? [], review)) {
        continue;
      }
      reviews[index] = { ...review, timingsMs: { ...review.timingsMs, packStart: pool.startMs } };
      schedule.finished(stack, evaluation.error ? undefined : evaluation.stackOutputs);
      options.onStack?.(reviews[index], ++done, configs.length, Date.now() - started);
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, job));
    // Stacks still waiting read each other (a cycle): their last attempt stands, with its error.
    for (const [index, review, awaited] of schedule.waiting()) {
      reviews[index] = {
        ...review,
        errors: [
          ...review.errors.filter((e) => e.phase !== "program"),
          cycleError(review.stack, awaited),
        ],
      };
      options.onStack?.(reviews[index], ++done, configs.length, 0);
    }
    return reviews;
  } finally {
    await Promise.all(pools.map((p) => p.stop()));
  }
}
