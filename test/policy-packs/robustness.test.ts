/**
 * Property-based robustness: every enclave policy (all providers) is fed random, partial and
 * unknown property bags, as a preview can deliver them, and must never throw anything but the
 * SDK's "not applicable" signal. Keys, dotted paths and values are drawn mostly from the words the
 * policy itself reads (harvested from its source file and the library files it imports), so the
 * bags reach deep into the checks instead of bouncing off the first missing property.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import type { EnclavePolicy } from "../../policy-packs/lib/define";
import { ALL_POLICIES } from "../../policy-packs/policies";
import {
  isStackPolicy,
  runResourcePolicy,
  runStackPolicy,
  type StackResourceInput,
} from "../helpers/policy";
import { skipAnalyzerReplay } from "../helpers/fixture-recorder";
import { UNKNOWN_SENTINELS } from "../helpers/unknowns";

// Random bags, not fixtures: the fixture suites replay theirs through the analyzer protocol.
skipAnalyzerReplay();

const RUNS_PER_RESOURCE_POLICY = 80;
const RUNS_PER_STACK_POLICY = 120;
const SEED = 20_250_601; // fixed, so that a failure reproduces; change it to explore further

const ROOT = path.resolve(__dirname, "../../policy-packs");
const TYPE_TOKEN = /^[a-z0-9-]+:[A-Za-z0-9/._-]+:[A-Za-z0-9]+$/;

/** Library files every policy imports, whose words say nothing about what a policy reads. */
const PLUMBING = ["define.ts", "metadata.ts", "props.ts", "stack.ts"].map((f) =>
  path.join(ROOT, "lib", f),
);

/** A policy's source file and the project files it imports, transitively (plumbing aside). */
function sourceClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file) || !fs.existsSync(file) || PLUMBING.includes(file)) {
    return seen;
  }
  seen.add(file);
  const text = fs.readFileSync(file, "utf8");
  for (const m of text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)) {
    sourceClosure(path.resolve(path.dirname(file), `${m[1]}.ts`), seen);
  }
  return seen;
}

interface Vocabulary {
  readonly keys: string[];
  readonly paths: string[];
  readonly values: string[];
  readonly types: string[];
}

/** Words a set of sources reads: string literals, dotted paths and property accesses. */
function harvest(files: Iterable<string>): Vocabulary {
  const text = [...files].map((f) => fs.readFileSync(f, "utf8")).join("\n");
  const literals = new Set<string>();
  for (const m of text.matchAll(/"([^"\\\n]{1,60})"|'([^'\\\n]{1,60})'|`([^`\\\n$]{1,60})`/g)) {
    literals.add((m[1] ?? m[2] ?? m[3])!);
  }
  const keys = new Set<string>(["spec", "template", "metadata", "containers", "settings", "props"]);
  const paths = new Set<string>(["spec.template.spec", "spec.jobTemplate.spec.template.spec"]);
  for (const literal of literals) {
    if (/^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)+$/.test(literal)) {
      paths.add(literal);
      literal.split(".").forEach((k) => keys.add(k));
    } else if (/^[A-Za-z_$][\w$./-]*$/.test(literal)) {
      keys.add(literal);
    }
  }
  for (const m of text.matchAll(/\.([a-z][A-Za-z0-9]{1,40})\b/g)) {
    keys.add(m[1]!);
  }
  return {
    keys: [...keys].sort(),
    paths: [...paths].sort(),
    values: [...literals].sort(),
    types: [...literals].filter((l) => TYPE_TOKEN.test(l)).sort(),
  };
}

function policyFiles(): Map<string, string> {
  const files = (fs.readdirSync(path.join(ROOT, "policies"), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts") && path.basename(f) !== "index.ts")
    .map((f) => path.join(ROOT, "policies", f));
  return new Map(files.map((f) => [path.basename(f, ".ts"), f]));
}

const FILES = policyFiles();
const GLOBAL = harvest(new Set([...FILES.values()].flatMap((f) => [...sourceClosure(f)])));
const vocabularyOf = (policy: EnclavePolicy): Vocabulary => {
  const file = FILES.get(policy.name);
  return file ? harvest(sourceClosure(file)) : GLOBAL;
};

const unknown = fc.constantFrom(...Object.values(UNKNOWN_SENTINELS));

/** Random JSON-like values and property bags built from a vocabulary, with unknowns anywhere. */
function arbitraries(vocab: Vocabulary) {
  const scalar = fc.oneof(
    fc.boolean(),
    fc.integer({ min: -5, max: 100_000_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 12 }),
    fc.constant(null),
    fc.constantFrom(...vocab.values, ...GLOBAL.values.slice(0, 1)),
    fc.constantFrom(
      "0.0.0.0/0",
      "::/0",
      "10.0.0.0/8",
      "*",
      "true",
      "false",
      "",
      "7776000s",
      "allUsers",
    ),
    unknown,
  );
  const key = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...vocab.keys) },
    { weight: 1, arbitrary: fc.constantFrom(...GLOBAL.keys) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  const { value } = fc.letrec<{ value: unknown; list: unknown[]; object: Record<string, unknown> }>(
    (tie) => ({
      // Policy documents (IAM, key and bucket policies) arrive as JSON strings too.
      value: fc.oneof(
        { depthSize: "small" },
        scalar,
        tie("list"),
        tie("object"),
        tie("object").map((o) => JSON.stringify(o)),
      ),
      list: fc.array(tie("value"), { maxLength: 3 }),
      object: fc.dictionary(key, tie("value"), { maxKeys: 5, noNullPrototype: true }),
    }),
  );
  const dotted = fc.constantFrom(...vocab.paths);
  const planted = fc.array(
    fc.tuple(fc.option(dotted), dotted, value, fc.integer({ min: -1, max: 4 })),
    { maxLength: 8 },
  );
  // An unknown value exactly where the policy reads, cut at a random depth of one of its paths.
  const unknownAt = fc.option(fc.tuple(dotted, fc.integer({ min: 1, max: 6 }), unknown), {
    freq: 2,
  });
  const bag = fc
    .tuple(fc.dictionary(key, value, { maxKeys: 8, noNullPrototype: true }), planted, unknownAt)
    .map(([base, plants, pending]) => {
      const props = structuredClone(base);
      for (const [prefix, p, leaf, listAt] of plants) {
        place(props, prefix ? `${prefix}.${p}` : p, leaf, listAt);
      }
      if (pending) {
        const [p, depth, sentinel] = pending;
        place(props, p.split(".").slice(0, depth).join("."), sentinel, -1);
      }
      return props;
    });
  const allUnknown = fc.dictionary(fc.constantFrom(...vocab.keys), unknown, {
    maxKeys: 12,
    noNullPrototype: true,
  });
  return { bag: fc.oneof({ weight: 6, arbitrary: bag }, { weight: 1, arbitrary: allUnknown }) };
}

/** Puts `leaf` at a dotted path, creating objects on the way and, at index `listAt`, a one-item list. */
function place(
  target: Record<string, unknown>,
  dotted: string,
  leaf: unknown,
  listAt: number,
): void {
  const segments = dotted.split(".");
  let node: Record<string, unknown> = target;
  segments.forEach((segment, i) => {
    if (i === segments.length - 1) {
      node[segment] = leaf;
      return;
    }
    let next = node[segment];
    if (i === listAt) {
      const item =
        Array.isArray(next) && typeof next[0] === "object" && next[0] !== null ? next[0] : {};
      node[segment] = [item];
      next = item;
    } else if (typeof next !== "object" || next === null || Array.isArray(next)) {
      next = {};
      node[segment] = next;
    }
    node = next as Record<string, unknown>;
  });
}

function expectWellFormed(outcome: { violations: readonly unknown[]; notApplicable?: string }) {
  for (const v of outcome.violations) {
    const message = typeof v === "string" ? v : (v as { message: unknown }).message;
    expect(typeof message).toBe("string");
    expect((message as string).trim()).not.toBe("");
  }
  if (outcome.notApplicable !== undefined) {
    expect(typeof outcome.notApplicable).toBe("string");
  }
}

const byName = <P extends EnclavePolicy>(p: P) => [p.name, p] as const;

describe("the unknown sentinels", () => {
  it.each(Object.entries(UNKNOWN_SENTINELS))(
    "the %s sentinel makes the SDK's proxy throw UnknownValueError",
    (_kind, sentinel) => {
      const props = unknownCheckingProxy({ x: sentinel }) as Record<string, unknown>;
      expect(() => props.x).toThrow(UnknownValueError);
    },
  );
});

describe("resource policies never throw on random, partial or unknown inputs", () => {
  it("every policy file yields a vocabulary that reaches into its checks", () => {
    for (const policy of ALL_POLICIES) {
      expect(FILES.has(policy.name), policy.name).toBe(true);
      expect(vocabularyOf(policy).keys.length, policy.name).toBeGreaterThan(5);
    }
  });

  it.each(ALL_POLICIES.filter((p) => !isStackPolicy(p)).map(byName))("%s", (_name, policy) => {
    if (isStackPolicy(policy)) {
      return;
    }
    const { bag } = arbitraries(vocabularyOf(policy));
    const own = fc.constantFrom(...(policy.enclave.resourceTypes ?? []));
    const type = fc.oneof(
      { weight: 9, arbitrary: own },
      { weight: 1, arbitrary: fc.constantFrom(...GLOBAL.types) },
    );
    fc.assert(
      fc.property(type, bag, fc.boolean(), (t, props, protect) => {
        expectWellFormed(runResourcePolicy(policy, { type: t, props, opts: { protect } }));
      }),
      { numRuns: RUNS_PER_RESOURCE_POLICY, seed: SEED },
    );
  });
});

describe("stack policies never throw on random resource lists", () => {
  const names = ["a", "b", "c", "d", "e"];

  it.each(ALL_POLICIES.filter(isStackPolicy).map(byName))("%s", (_name, policy) => {
    const vocab = vocabularyOf(policy);
    const { bag } = arbitraries(vocab);
    const resource: fc.Arbitrary<StackResourceInput> = fc.record(
      {
        type: fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...vocab.types, ...GLOBAL.types.slice(0, 1)) },
          { weight: 1, arbitrary: fc.constantFrom(...GLOBAL.types) },
        ),
        name: fc.constantFrom(...names),
        props: bag,
        opts: fc.record({ protect: fc.boolean() }),
        propertyDependencies: fc.dictionary(
          fc.constantFrom(...vocab.keys),
          fc.array(fc.constantFrom(...names), { maxLength: 2 }),
          { maxKeys: 2, noNullPrototype: true },
        ),
        parent: fc.constantFrom(...names),
      },
      { requiredKeys: ["type", "name", "props"] },
    );
    fc.assert(
      fc.property(fc.array(resource, { maxLength: 8 }), (resources) => {
        expectWellFormed(runStackPolicy(policy, resources));
      }),
      { numRuns: RUNS_PER_STACK_POLICY, seed: SEED },
    );
  });
});
