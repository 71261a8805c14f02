import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { CapturedResource, EvaluationRequest, EvaluationResult } from "./capture";

const EVALUATOR = path.join(__dirname, "evaluate.ts");

/** A message from the evaluation process: one resource, sent as the engine registers it. */
export interface RegisteredMessage {
  readonly kind: "registered";
  readonly resource: CapturedResource;
}

export interface EvaluateOptions {
  readonly timeoutMs?: number;
  /**
   * Called with each resource as it registers, while the program still runs (as the engine
   * calls analyzers during an update). The result's `resources` remain the complete record:
   * a component's outputs arrive later, and a registration still in transit when the process
   * exits is not seen here.
   */
  readonly onRegistered?: (resource: CapturedResource) => void;
}

/**
 * Evaluates a program in a child process under the mock engine. Never throws for a broken
 * program: the failure comes back in `error` (phase + one paragraph).
 */
export async function evaluateProgram(
  request: EvaluationRequest,
  options: EvaluateOptions = {},
): Promise<EvaluationResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-eval-"));
  const requestFile = path.join(dir, "request.json");
  const resultFile = path.join(dir, "result.json");
  fs.writeFileSync(requestFile, JSON.stringify(request));
  // tsx's CommonJS loader alone: the evaluator and the programs it runs are CommonJS.
  const tsx = require.resolve("tsx/cjs");
  const started = Date.now();
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          process.execPath,
          ["--require", tsx, EVALUATOR, requestFile, resultFile],
          {
            stdio: ["ignore", "pipe", "pipe", "ipc"],
            env: { ...process.env, PULUMI_NODEJS_TYPESCRIPT: "true" },
          },
        );
        let err = "";
        child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
        // Program output (console.log) is not the reviewer's; keep it off stdout.
        child.stdout?.on("data", (d: Buffer) => (err += d.toString()));
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          reject(
            new Error(
              `the program did not finish within ${timeoutMs / 1000} s under the mock engine`,
            ),
          );
        }, timeoutMs);
        child.on("message", (m: RegisteredMessage) => {
          if (m.kind === "registered") {
            options.onRegistered?.(m.resource);
          }
        });
        child.on("error", reject);
        child.on("close", (c) => {
          clearTimeout(timer);
          resolve({ code: c, stderr: err });
        });
      },
    );
    if (!fs.existsSync(resultFile)) {
      return {
        project: request.project,
        stack: request.stack,
        resources: [],
        stackOutputs: {},
        error: {
          phase: "program",
          message: `the evaluation process exited with code ${code} before reporting: ${stderr.trim().slice(-2000)}`,
        },
        timingsMs: { evaluate: Date.now() - started },
      };
    }
    const result = JSON.parse(fs.readFileSync(resultFile, "utf8")) as EvaluationResult;
    return { ...result, timingsMs: { ...result.timingsMs, evaluate: Date.now() - started } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
