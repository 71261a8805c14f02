/**
 * Replays fixture cases through the analyzer protocol: the kit's own packs, bundled and loaded as
 * the reviewer loads them (review/analyzer/compile.ts, inProcess.ts: the handlers of
 * `@pulumi/policy`'s server), spoken to through the reviewer's pack sessions. A policy then gets
 * its arguments from the SDK's server (props converted from a protobuf Struct and wrapped by the
 * server's unknown-checking proxy, config from Configure with the schema defaults filled in,
 * options and URN from the request), not from the test helpers.
 */
import * as path from "path";
import { compiledPackDir } from "../../review/analyzer/compile";
import { PackSession } from "../../review/analyzer/client";
import { loadPackHandlers, type Handlers } from "../../review/analyzer/inProcess";
import { RequestBuilder, type StackContext } from "../../review/analyzer/requests";
import type { CapturedResource } from "../../review/engine/capture";
import { PACKS, type PackName } from "../../policy-packs/lib/metadata";
import type { StackResourceInput, StackViolation } from "./policy";
import { options, urnOf } from "./policy-args";

const ROOT = path.resolve(__dirname, "../..");
const PACKS_ROOT = path.join(ROOT, "policy-packs");
const CACHE = path.join(ROOT, "node_modules", ".cache", "enclave-review");

/**
 * What a policy answered for one case: its findings, and whether it judged the case (as the
 * reviewer counts it: it reported a finding, or it did not answer "not applicable").
 */
export interface Verdict {
  readonly violations: readonly StackViolation[];
  readonly judged: boolean;
}

/** One call of the fixture helpers: a policy, the resources it saw, its config, its verdict. */
export interface FixtureCase {
  readonly kind: "resource" | "stack";
  readonly policy: string;
  /** The policy's concern (which pack carries it). */
  readonly concern: string;
  readonly resources: readonly StackResourceInput[];
  readonly config?: Record<string, unknown>;
  readonly direct: Verdict;
}

/** The pack carrying a concern's policies. */
function packOf(concern: string): PackName | undefined {
  return (Object.keys(PACKS) as PackName[]).find((p) =>
    (PACKS[p] as readonly string[]).includes(concern),
  );
}
interface Loaded {
  readonly directory: string;
  readonly handlers: Handlers;
}
const loaded = new Map<PackName, Loaded>();

function pack(name: PackName): Loaded {
  let p = loaded.get(name);
  if (!p) {
    const directory = path.join(PACKS_ROOT, name);
    p = { directory, handlers: loadPackHandlers(compiledPackDir(directory, PACKS_ROOT, CACHE)) };
    loaded.set(name, p);
  }
  return p;
}

/**
 * A value as the SDK serializes resource properties for the engine (JSON semantics, runtime/rpc):
 * object keys holding undefined are omitted, undefined array elements become null.
 */
export function serialized(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => (v === undefined ? null : serialized(v)));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, serialized(v)]),
    );
  }
  return value;
}

/** The resources as the mock engine captures them (inputs = outputs = the fixture's props). */
function captured(resources: readonly StackResourceInput[]): CapturedResource[] {
  const urnByName = new Map(resources.map((r) => [r.name, urnOf(r.type, r.name)]));
  return resources.map((r) => {
    const opts = options(r.opts);
    const propertyDependencies = Object.fromEntries(
      Object.entries(r.propertyDependencies ?? {}).map(([prop, names]) => [
        prop,
        names.map((n) => urnByName.get(n)).filter((u): u is string => u !== undefined),
      ]),
    );
    const parent = r.parent === undefined ? undefined : urnByName.get(r.parent);
    return {
      urn: urnOf(r.type, r.name),
      type: r.type,
      name: r.name,
      ...(parent ? { parent } : {}),
      custom: true,
      protect: opts.protect,
      retainOnDelete: false,
      dependencies: [...new Set(Object.values(propertyDependencies).flat())],
      propertyDependencies,
      additionalSecretOutputs: [...opts.additionalSecretOutputs],
      ignoreChanges: [...opts.ignoreChanges],
      aliases: [...opts.aliases],
      inputs: serialized(r.props) as Record<string, unknown>,
      outputs: serialized(r.props) as Record<string, unknown>,
    };
  });
}

const hasConfig = (c: FixtureCase) => c.config !== undefined && Object.keys(c.config).length > 0;

function contextFor(cases: readonly FixtureCase[]): StackContext {
  return {
    stack: "test",
    project: "enclave",
    organization: "organization",
    config: {},
    secretKeys: [],
    // Each policy enabled whatever its default level, with its case's parameters.
    policyConfig: Object.fromEntries(
      cases.map((c) => [c.policy, { ...c.config, enforcementLevel: "mandatory" }]),
    ),
  };
}

/**
 * Resource cases of one pack and one configuration, in one session: an Analyze request each, then
 * the (ignored) AnalyzeStack. Each case's resource keeps its type, name, props and options; its
 * URN is made unique by a parent-type qualifier (`enclave:replay:Case<i>$<type>`), which no
 * resource policy reads, so each answer is told apart.
 */
async function replayResources(
  pack: Loaded,
  cases: readonly FixtureCase[],
): Promise<(Verdict | undefined)[]> {
  const ctx = contextFor(cases);
  const session = await PackSession.open({ handlers: pack.handlers }, pack.directory, ctx);
  const builder = new RequestBuilder(ctx);
  const resources = cases.map((c, i) => {
    const r = captured(c.resources)[0]!;
    return { ...r, urn: `urn:pulumi:test::enclave::enclave:replay:Case${i}$${r.type}::${r.name}` };
  });
  resources.forEach((r) => session.analyze(r.urn, builder.analyze(r)));
  const analysis = await session.finish(builder.stack([]));
  const carried = new Set(analysis.pack.policies.map((p) => p.name));
  return cases.map((c, i) => {
    if (!carried.has(c.policy)) {
      return undefined;
    }
    const urn = resources[i]!.urn;
    return {
      violations: analysis.violations
        .filter((v) => v.policy === c.policy && v.urn === urn)
        .map((v) => ({ message: v.message })),
      judged: analysis.judged.resources.get(c.policy)?.includes(urn) ?? false,
    };
  });
}

/** One stack case in its own session: Analyze for each resource, then AnalyzeStack. */
async function replayStack(pack: Loaded, c: FixtureCase): Promise<Verdict | undefined> {
  const ctx = contextFor([c]);
  const session = await PackSession.open({ handlers: pack.handlers }, pack.directory, ctx);
  const builder = new RequestBuilder(ctx);
  const resources = captured(c.resources);
  resources.forEach((r) => session.analyze(r.urn, builder.analyze(r)));
  const analysis = await session.finish(builder.stack(resources));
  if (!analysis.pack.policies.some((p) => p.name === c.policy)) {
    return undefined;
  }
  return {
    violations: analysis.violations
      .filter((v) => v.policy === c.policy)
      .map((v) => ({ message: v.message, urn: v.urn })),
    judged: analysis.judged.stackPolicies.has(c.policy),
  };
}

/**
 * Each case's verdict when its policy's pack reviews it as stack "test" of project "enclave" (the
 * helpers' URNs); undefined for a policy no pack carries (a test's own ad-hoc policy).
 */
export async function throughAnalyzer(
  cases: readonly FixtureCase[],
): Promise<(Verdict | undefined)[]> {
  const out: (Verdict | undefined)[] = cases.map(() => undefined);
  const groups = new Map<string, { pack: Loaded; indices: number[] }>();
  for (const [i, c] of cases.entries()) {
    const name = packOf(c.concern);
    if (!name) {
      continue;
    }
    if (c.kind === "stack") {
      out[i] = await replayStack(pack(name), c);
      continue;
    }
    const key = hasConfig(c) ? `${name}\u0000${c.policy}\u0000${JSON.stringify(c.config)}` : name;
    const group = groups.get(key) ?? { pack: pack(name), indices: [] };
    group.indices.push(i);
    groups.set(key, group);
  }
  for (const { pack: p, indices } of groups.values()) {
    const verdicts = await replayResources(
      p,
      indices.map((i) => cases[i]!),
    );
    indices.forEach((i, k) => (out[i] = verdicts[k]));
  }
  return out;
}
