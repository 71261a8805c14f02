/**
 * Every fixture case a test file runs through the policy helpers (test/helpers/policy.ts) is
 * recorded, and once the file's tests are done, replayed through the analyzer protocol on the
 * kit's packs (analyzer-replay.ts): each policy must give the same verdict (findings, URNs, and
 * whether it judged the case) as when the helpers called it directly. Files that feed random
 * bags (the robustness suites) opt out with `skipAnalyzerReplay()`. Only the fixture tests
 * (test/policy-packs/) are replayed: the component and stack tests run whole programs through the
 * same helpers, and the reference-stack reviews already send those through the analyzer.
 *
 * The per-file start and replay are hooked in by fixture-replay.setup.ts (a setup file, run before
 * every test file): the fixture suites share their modules across files (test/vitest.config.mts),
 * so this module's state is reset there, not when it is first imported.
 */
import { expect } from "vitest";
import type { FixtureCase, Verdict } from "./analyzer-replay";

/** Distinct cases (many tests start from the same compliant fixture), by their JSON. */
const cases = new Map<string, FixtureCase>();
/** Where the policies' fixture tests live. */
const FIXTURE_TEST = /[\\/]test[\\/]policy-packs[\\/]/;
let replay = true;

/** This file's cases are not replayed (random inputs, not fixtures; or too many to replay). */
export function skipAnalyzerReplay(): void {
  replay = false;
  cases.clear();
}

/** Keeps a copy of one case (the test may change its objects afterwards). */
export function recordCase(c: FixtureCase): void {
  if (!replay || !FIXTURE_TEST.test(expect.getState().testPath ?? "")) {
    return;
  }
  try {
    const key = JSON.stringify(c);
    if (!cases.has(key)) {
      cases.set(key, structuredClone(c));
    }
  } catch {
    // Props that cannot be copied (functions, symbols) cannot travel in a request either.
  }
}

const show = (v: Verdict) => JSON.stringify(v);

/** A new test file: replay on, nothing recorded (before the file's own code runs). */
export function startFile(): void {
  replay = true;
  cases.clear();
}

/** After the file's tests: every recorded case through the analyzer, same verdict as direct. */
export async function replayRecordedCases(): Promise<void> {
  if (!replay || cases.size === 0) {
    return;
  }
  const { throughAnalyzer } = await import("./analyzer-replay");
  const differences: string[] = [];
  const list = [...cases.values()];
  const verdicts = await throughAnalyzer(list);
  for (const [i, c] of list.entries()) {
    const got = verdicts[i];
    if (got && show(got) !== show(c.direct)) {
      differences.push(
        `${c.policy} on ${JSON.stringify(c.resources).slice(0, 400)}${c.config ? ` with ${JSON.stringify(c.config)}` : ""}:\n  helpers  ${show(c.direct)}\n  analyzer ${show(got)}`,
      );
    }
  }
  expect(
    differences,
    "verdicts through the analyzer protocol differ from the direct calls",
  ).toEqual([]);
}
