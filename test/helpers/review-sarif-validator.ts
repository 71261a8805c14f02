/**
 * Runs Microsoft's SARIF Multitool (`validate`: the SARIF 2.1.0 JSON schema plus its best-practice
 * rules) over SARIF texts and returns its findings. The npm package ships a self-contained Linux
 * binary whose postinstall chmod does not run under `npm ci --ignore-scripts`, so a copy is made
 * executable in a temporary folder when needed.
 *
 * The Multitool (5.7.0) silently skips a file it cannot deserialize (for example a `level` outside
 * the enum): no finding, "Analysis completed successfully". Every file it does analyze gets at least
 * the note SARIF2003 (no versionControlProvenance), so notes are requested and a file without any
 * finding is reported as not analyzed instead of passing.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface ValidatorFinding {
  /** Base name of the validated file. */
  readonly file: string;
  readonly ruleId: string;
  /** SARIF level; the Multitool omits it for warnings (the SARIF default). */
  readonly level: "error" | "warning" | "note" | "none";
  readonly text: string;
}

export const MULTITOOL_PLATFORM = "linux";

function multitoolBinary(tmp: string): string {
  const pkg = path.dirname(require.resolve("@microsoft/sarif-multitool-linux/package.json"));
  const binary = path.join(pkg, "Sarif.Multitool");
  try {
    fs.accessSync(binary, fs.constants.X_OK);
    return binary;
  } catch {
    const copy = path.join(tmp, "Sarif.Multitool");
    fs.copyFileSync(binary, copy);
    fs.chmodSync(copy, 0o755);
    return copy;
  }
}

interface MultitoolLog {
  runs: {
    tool: { driver: { rules?: { messageStrings?: Record<string, { text: string }> }[] } };
    results?: {
      ruleId: string;
      ruleIndex?: number;
      level?: ValidatorFinding["level"];
      message: { id?: string; text?: string; arguments?: string[] };
      locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
    }[];
    invocations?: { executionSuccessful: boolean }[];
  }[];
}

export interface MultitoolOutcome {
  readonly findings: readonly ValidatorFinding[];
  /** Files the Multitool skipped without a word (it could not deserialize them). */
  readonly unanalyzed: readonly string[];
}

/** Runs `Sarif.Multitool validate` once over every `name -> SARIF text` (about two seconds). */
export function runMultitool(files: Readonly<Record<string, string>>): MultitoolOutcome {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-sarif-"));
  try {
    const binary = multitoolBinary(tmp);
    const inputs = Object.entries(files).map(([name, text]) => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, text);
      return file;
    });
    const out = path.join(tmp, "validation.sarif");
    execFileSync(
      binary,
      ["validate", ...inputs, "--output", out, "--level", "Error;Warning;Note"],
      {
        cwd: tmp,
        encoding: "utf8",
        timeout: 120_000,
        env: {
          ...process.env,
          DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1",
          DOTNET_CLI_TELEMETRY_OPTOUT: "1",
        },
      },
    );
    const log = JSON.parse(fs.readFileSync(out, "utf8")) as MultitoolLog;
    const run = log.runs[0];
    if (!run || run.invocations?.[0]?.executionSuccessful !== true) {
      throw new Error(`The SARIF Multitool did not complete: ${JSON.stringify(run?.invocations)}`);
    }
    const findings = (run.results ?? []).map((r): ValidatorFinding => {
      const template =
        r.message.text ??
        run.tool.driver.rules?.[r.ruleIndex ?? -1]?.messageStrings?.[r.message.id ?? ""]?.text ??
        r.message.id ??
        "";
      const text = template.replace(
        /\{(\d+)\}/g,
        (_, i: string) => r.message.arguments?.[Number(i)] ?? "",
      );
      const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "";
      return { file: path.basename(uri), ruleId: r.ruleId, level: r.level ?? "warning", text };
    });
    const unanalyzed = Object.keys(files).filter((name) => !findings.some((f) => f.file === name));
    return { findings, unanalyzed };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The Multitool's findings over SARIF texts; throws for a file it could not even read. */
export function validateSarif(
  files: Readonly<Record<string, string>>,
): readonly ValidatorFinding[] {
  const { findings, unanalyzed } = runMultitool(files);
  if (unanalyzed.length > 0) {
    throw new Error(
      `The SARIF Multitool did not analyze ${unanalyzed.join(", ")}: it could not read it as SARIF 2.1.0.`,
    );
  }
  return findings;
}
