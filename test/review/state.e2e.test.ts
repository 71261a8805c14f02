import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../review/cli";
import type { EvaluationResult } from "../../review/engine/capture";
import { SECRET_SIG, SIG } from "../../review/engine/serialized";
import { policyEvidence } from "../../review/evidence";
import type { StackReview } from "../../review/model";
import { loadProgram } from "../../review/program";
import { discoverPacks, runReview } from "../../review/review";
import { readStackConfig, readStackConfigFile } from "../../review/stackConfig";
import { toStackExport } from "../helpers/state-export";

/**
 * `--state FILE` reviews a `pulumi stack export` through the same packs and requests as a program
 * run. The exports are built from the reviewer's own run of each program (one run per stack,
 * `onEvaluated`), so the two reviews must agree finding by finding and policy by policy.
 */
const ROOT = path.resolve(__dirname, "../..");
const INSECURE = path.join(ROOT, "test/fixtures/programs/aws-insecure");
const AS_OF = "2026-11-23";
const out = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-state-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

beforeEach(() => {
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});

interface JsonReport {
  stack: string;
  project: string;
  stateFile: string | null;
  programDir: string;
  stateSecrets: string[];
  errors: unknown[];
  violations: { policy: string; urn?: string; message: string; enforcementLevel: string }[];
  waived: { policy: string; urn?: string; message: string }[];
  unusedWaivers: unknown[];
  expiredWaivers: unknown[];
  policies: { pack: string; policy: string; status: string; resourcesJudged: number }[];
  resources: Record<string, unknown>[];
}

const PLANTED = "planted-secret-d0c5e7a1-never-in-a-report";
const PLANTED_CIPHER = "v1:cGxhbnRlZA==:Y2lwaGVydGV4dC1uZXZlci1pbi1hLXJlcG9ydA==";

interface Case {
  readonly label: string;
  readonly stack: string;
  /** What gives the state review the stack's levels and waivers. */
  readonly configArgs: string[];
  readonly secrets: "plaintext" | "ciphertext";
}
const CASES: Case[] = [
  { label: "aws-dev", stack: "aws-dev", configArgs: ["--stack", "aws-dev"], secrets: "ciphertext" },
  {
    label: "aws-prod",
    stack: "aws-prod",
    configArgs: ["--stack", "aws-prod"],
    secrets: "plaintext",
  },
  {
    label: "onprem-dev",
    stack: "onprem-dev",
    configArgs: ["--stack", "onprem-dev"],
    secrets: "plaintext",
  },
  {
    label: "the insecure AWS fixture (findings, waivers)",
    stack: "dev",
    configArgs: ["--config", path.join(INSECURE, "Pulumi.dev.yaml")],
    secrets: "plaintext",
  },
];

const programReviews = new Map<string, StackReview>();
const evaluations = new Map<string, EvaluationResult>();

beforeAll(async () => {
  const common = {
    packDirs: discoverPacks(),
    awsAccountId: "123456789012",
    organization: "organization",
    today: AS_OF,
    onEvaluated: (stack: string, evaluation: EvaluationResult) =>
      evaluations.set(stack, evaluation),
  };
  // Only the stacks the cases export (one program run each), not every reference stack.
  const reference = CASES.filter((c) => c.stack !== "dev").map((c) =>
    runReview({ ...common, programDir: ROOT, stacks: { kind: "stack", name: c.stack } }),
  );
  const runs = await Promise.all([
    ...reference,
    runReview({ ...common, programDir: INSECURE, stacks: { kind: "stack", name: "dev" } }),
  ]);
  for (const r of runs.flat()) {
    programReviews.set(r.stack, r);
  }
}, 240_000);

/** Writes the export of one stack's program run, with planted secrets, and returns its path. */
function exportOf(c: Case): { file: string; doc: StackExportDoc } {
  const evaluation = evaluations.get(c.stack)!;
  const config =
    c.stack === "dev"
      ? readStackConfigFile(loadProgram(INSECURE), path.join(INSECURE, "Pulumi.dev.yaml"))
      : readStackConfig(loadProgram(ROOT), c.stack);
  const doc = toStackExport(evaluation, {
    secrets: c.secrets,
    config: config.values,
    secretKeys: config.secretKeys,
  }) as StackExportDoc;
  // A secret in the stack's outputs and in a component's inputs and outputs (which the packs
  // get, and no policy judges), in both forms an export holds.
  const resources = doc.deployment.resources;
  const root = resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
  root.outputs = {
    ...root.outputs,
    plantedOutput: { [SIG]: SECRET_SIG, plaintext: JSON.stringify(PLANTED) },
  };
  const component = plantedIn(doc);
  component.inputs = {
    ...component.inputs,
    planted: { [SIG]: SECRET_SIG, plaintext: JSON.stringify({ password: PLANTED }) },
    plantedCipher: { [SIG]: SECRET_SIG, ciphertext: PLANTED_CIPHER },
  };
  component.outputs = {
    ...component.outputs,
    planted: { [SIG]: SECRET_SIG, plaintext: JSON.stringify(PLANTED) },
  };
  const file = path.join(out, `${c.stack}.export.json`);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return { file, doc };
}

/** A component (the packs get it, no policy judges it), or the root stack when there is none. */
function plantedIn(doc: StackExportDoc): StackExportDoc["deployment"]["resources"][number] {
  const resources = doc.deployment.resources;
  return (
    resources.find((r) => !r.custom && r.type !== "pulumi:pulumi:Stack") ??
    resources.find((r) => r.type === "pulumi:pulumi:Stack")!
  );
}

interface StackExportDoc {
  version: number;
  deployment: {
    resources: {
      urn: string;
      type: string;
      custom: boolean;
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    }[];
  };
}

const finding = (v: { policy: string; urn?: string; message: string }) =>
  `${v.policy} | ${v.urn ?? "(stack)"} | ${v.message}`;
const sorted = (xs: string[]) => [...xs].sort();

/** Every plaintext an export holds (decoded strings of 8 characters or more). */
function plaintexts(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((v) => plaintexts(v, found));
  } else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o[SIG] === SECRET_SIG) {
      const decoded: unknown =
        typeof o["plaintext"] === "string" ? JSON.parse(o["plaintext"]) : o["ciphertext"];
      const strings = (v: unknown): string[] =>
        typeof v === "string"
          ? [v]
          : v && typeof v === "object"
            ? Object.values(v).flatMap(strings)
            : [];
      found.push(...strings(decoded).filter((s) => s.length >= 8));
    } else {
      Object.values(o).forEach((v) => plaintexts(v, found));
    }
  }
  return found;
}

/** The export with every secret object removed. */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutSecrets);
  }
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return o[SIG] === SECRET_SIG
      ? null
      : Object.fromEntries(Object.entries(o).map(([k, v]) => [k, withoutSecrets(v)]));
  }
  return value;
}

describe("--state: an export of the reviewer's own run reviews to the same findings", () => {
  it.each(CASES)(
    "$label",
    async (c) => {
      const program = programReviews.get(c.stack)!;
      expect(program.errors).toEqual([]);
      if (c.stack === "dev") {
        // The fixture is there for its findings: the comparison below is not of two empty sets.
        expect(program.violations.length).toBeGreaterThan(3);
      }
      const { file, doc } = exportOf(c);
      const report = (ext: string) => path.join(out, `${c.stack}.${ext}`);
      const code = await main([
        "--state",
        file,
        ...c.configArgs,
        "--as-of",
        AS_OF,
        "--json",
        report("json"),
        "--sarif",
        report("sarif"),
        "--markdown",
        report("md"),
      ]);
      const state = JSON.parse(fs.readFileSync(report("json"), "utf8")) as JsonReport;
      expect(state.errors).toEqual([]);
      expect(code).toBe(program.violations.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0);
      expect({ stack: state.stack, project: state.project }).toEqual({
        stack: program.stack,
        project: program.project,
      });
      expect(state.stateFile).toBe(file);
      expect(state.programDir).toBe("");

      // Same findings (policy + URN + message), same waived findings and waivers.
      expect(sorted(state.violations.map(finding))).toEqual(
        sorted(program.violations.map(finding)),
      );
      expect(sorted(state.waived.map(finding))).toEqual(sorted(program.waived.map(finding)));
      expect(state.unusedWaivers).toEqual(program.unusedWaivers);
      expect(state.expiredWaivers).toEqual(program.expiredWaivers);
      // Same evidence: every policy judged the same number of resources, with the same status.
      const evidence = (e: {
        pack: string;
        policy: string;
        status: string;
        resourcesJudged: number;
      }) => `${e.pack}/${e.policy}: ${e.status} (${e.resourcesJudged})`;
      expect(state.policies.map(evidence)).toEqual(policyEvidence(program).map(evidence));
      // Same resources (the export's default providers are the engine's, not the program's).
      const shape = (r: Record<string, unknown>) => ({
        urn: r["urn"],
        type: r["type"],
        parent: r["parent"] ?? null,
        protect: r["protect"],
        retainOnDelete: r["retainOnDelete"],
        dependencies: r["dependencies"],
        propertyDependencies: r["propertyDependencies"],
        // What the packs were sent, secrets masked (the planted secrets aside).
        inputs: Object.fromEntries(
          Object.entries(r["inputs"] as Record<string, unknown>).filter(
            ([k]) => k !== "planted" && k !== "plantedCipher",
          ),
        ),
      });
      expect(state.resources.map(shape)).toEqual(
        program.resources.map((r) => shape(r as unknown as Record<string, unknown>)),
      );

      // No secret of the export reaches any report; the planted ones are listed as replaced.
      // (Values the export also holds in the clear, e.g. a user name joined with a password, are
      // not secrets of the export.)
      const clear = JSON.stringify(withoutSecrets(doc));
      const secrets = [...new Set([PLANTED, PLANTED_CIPHER, ...plaintexts(doc)])].filter(
        (s) => !clear.includes(s),
      );
      // The reference stacks hold generated passwords and keys besides the planted secrets.
      expect(secrets.length).toBeGreaterThan(c.stack === "dev" ? 1 : 2);
      for (const ext of ["json", "sarif", "md"]) {
        const text = fs.readFileSync(report(ext), "utf8");
        expect(
          secrets.filter((s) => text.includes(s)),
          ext,
        ).toEqual([]);
      }
      const component = plantedIn(doc);
      expect(state.stateSecrets).toEqual(
        expect.arrayContaining([
          `${component.urn} inputs.planted`,
          `${component.urn} inputs.plantedCipher`,
          `${component.urn} outputs.planted`,
        ]),
      );
      const planted = state.resources.find((r) => r["urn"] === component.urn)!;
      expect(planted["inputs"]).toMatchObject({ planted: "[secret]", plantedCipher: "[secret]" });
      expect(fs.readFileSync(report("md"), "utf8")).toContain(
        `secrets of the stack export were replaced by placeholders`,
      );
    },
    60_000,
  );
});
