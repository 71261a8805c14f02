/**
 * Runs one Pulumi program under the recording mock engine, in a process of its own (the Pulumi
 * runtime is process-global). Usage: node --require tsx/cjs evaluate.ts <request.json> <result.json>
 */
import * as fs from "fs";
import * as path from "path";
import type { CapturedResource, EvaluationRequest, EvaluationResult } from "./capture";
import { isConfigError } from "../contract";
import { deferClosureSerializationModules } from "../lazyModules";
import { createRecordingMonitor, type PulumiRuntimeModules } from "./monitor";
import type { RegisteredMessage } from "./run";
import { forAnalyzer } from "./serialized";

/** One paragraph: the error's message and where in the program it was raised (no stack dump). */
function describe(err: unknown): string {
  if (!(err instanceof Error)) {
    return String(err);
  }
  if (isConfigError(err) || err.name === "UnknownInvokeError") {
    return err.message;
  }
  const frame = (err.stack ?? "")
    .split("\n")
    .slice(1)
    .map((l) => l.trim())
    .find(
      (l) =>
        l.startsWith("at ") &&
        !l.includes("node_modules") &&
        !l.includes("node:") &&
        !l.includes("/review/engine/"),
    );
  const location = frame ? /\(?([^()\s]+:\d+:\d+)\)?$/.exec(frame)?.[1] : undefined;
  const where = location ? ` (${location})` : "";
  const message = err.message.split("\n")[0] ?? "";
  return `${err.name === "Error" ? "" : `${err.name}: `}${message}${where}`;
}

/**
 * The SDK wraps every internal promise for its exit-time leak report, capturing a stack trace for
 * each (about half the program's run time under the mock engine, for thousands of promises). The
 * offline engine makes no leak report, so it lets the promises through unwrapped; resource
 * registration is unchanged. Left alone if the program's SDK has no such hook.
 */
function skipPromiseLeakTracking(from: (m: string) => unknown): void {
  try {
    const debuggable = from("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise?: unknown };
    if (typeof debuggable.debuggablePromise === "function") {
      debuggable.debuggablePromise = <T>(p: Promise<T>): Promise<T> => p;
    }
  } catch {
    // An SDK without runtime/debuggable: nothing to skip.
  }
}

async function main(): Promise<void> {
  const [requestFile, resultFile] = process.argv.slice(2);
  if (!requestFile || !resultFile) {
    throw new Error("usage: evaluate <request.json> <result.json>");
  }
  const request = JSON.parse(fs.readFileSync(requestFile, "utf8")) as EvaluationRequest;
  const started = Date.now();
  const timingsMs: Record<string, number> = {};
  let captured: CapturedResource[] = [];
  let stackOutputs: Record<string, unknown> = {};
  let error: EvaluationResult["error"];
  let missing: { reference: string; message: string }[] = [];

  const write = () => {
    const result: EvaluationResult = {
      project: request.project,
      stack: request.stack,
      resources: captured,
      stackOutputs,
      ...(error ? { error } : {}),
      ...(missing.length > 0 ? { missingStackReferences: missing.map((m) => m.reference) } : {}),
      timingsMs: { ...timingsMs, evaluateTotal: Date.now() - started },
    };
    fs.writeFileSync(resultFile, JSON.stringify(result));
  };

  const failures: unknown[] = [];
  process.on("unhandledRejection", (e) => failures.push(e));
  process.on("uncaughtException", (e) => failures.push(e));

  try {
    process.chdir(request.programDir);
    // The program's own copy of @pulumi/pulumi: the engine must plug into the runtime it uses.
    const from = (m: string) => require(require.resolve(m, { paths: [request.programDir] }));
    const pulumiRoot = path.dirname(
      require.resolve("@pulumi/pulumi/package.json", { paths: [request.programDir] }),
    );
    deferClosureSerializationModules(pulumiRoot);
    const fromPulumi = (m: string) => require(require.resolve(m, { paths: [pulumiRoot] }));
    skipPromiseLeakTracking(from);
    const runtimeConfig = from("@pulumi/pulumi/runtime/config");
    const settings = from("@pulumi/pulumi/runtime/settings");
    const state = from("@pulumi/pulumi/runtime/state");
    const stackModule = from("@pulumi/pulumi/runtime/stack");
    const log = from("@pulumi/pulumi/log");
    const modules: PulumiRuntimeModules = {
      MockMonitor: from("@pulumi/pulumi/runtime/mocks").MockMonitor,
      RegisterResourceResponse: from("@pulumi/pulumi/proto/resource_pb").RegisterResourceResponse,
      Struct: fromPulumi("google-protobuf/google/protobuf/struct_pb").Struct,
    };
    timingsMs["loadRuntime"] = Date.now() - started;

    const cfg = request.config;
    const {
      monitor,
      captured: records,
      missingReferences,
    } = createRecordingMonitor(
      modules,
      {
        stack: request.stack,
        project: request.project,
        awsRegion: cfg["aws:region"] ?? "us-east-1",
        awsAccountId: request.awsAccountId,
        gcpProject: cfg["gcp:project"] ?? "enclave-offline-review",
        gcpRegion: cfg["gcp:region"] ?? "europe-west1",
        ...(request.stackReferences ? { stackReferences: request.stackReferences } : {}),
      },
      // The reviewer analyzes resources while the program still runs, as the engine does.
      (resource) => process.send?.({ kind: "registered", resource } satisfies RegisteredMessage),
    );
    captured = records;
    missing = missingReferences;
    runtimeConfig.setAllConfig(cfg, request.secretKeys);
    settings.setMockOptions(monitor, request.project, request.stack, false, request.organization);
    const store = state.getStore();
    Object.assign(store, {
      supportsSecrets: true,
      supportsResourceReferences: true,
      supportsOutputValues: false,
      supportsDeletedWith: true,
      supportsAliasSpecs: true,
      supportsTransforms: false,
    });

    const programStart = Date.now();
    const outputs = await stackModule.runInPulumiStack(async () => {
      // Load the program exactly as Pulumi's Node.js host does for a CommonJS program.
      const exported = require(request.main);
      const value = typeof exported === "function" ? exported() : exported;
      return await value;
    });
    await settings.waitForRPCs?.();
    timingsMs["runProgram"] = Date.now() - programStart;
    // The root stack's registered outputs keep secrets as secrets (the value the program returned
    // has them unwrapped); the returned value is the fallback for a runtime that registers none.
    const root = records.find((r) => r.type === "pulumi:pulumi:Stack" && !r.parent);
    stackOutputs = (
      root && Object.keys(root.outputs).length > 0
        ? root.outputs
        : forAnalyzer(JSON.parse(JSON.stringify(outputs ?? {})))
    ) as Record<string, unknown>;
    if (failures.length > 0) {
      throw failures[0];
    }
    if (log.hasErrors()) {
      throw new Error(
        "the program logged errors (pulumi.log.error); the engine would fail this update.",
      );
    }
  } catch (err) {
    const all = [err, ...failures.filter((f) => f !== err)];
    error =
      missing.length > 0
        ? // The reviewer's own message (the stack it needs, the flags that give it), not the SDK's wrapping of it.
          { phase: "program", message: [...new Set(missing.map((m) => m.message))].join("\n") }
        : {
            phase: isConfigError(all[0]) ? "config" : "program",
            message: all.map(describe).join("\n"),
          };
  }
  write();
}

main().then(
  () => {
    // Exit once pending I/O is done (tsx writes its transform cache asynchronously; cut short, the
    // next run transpiles the program again), but never wait on a handle a program left open.
    process.exitCode = 0;
    setTimeout(() => process.exit(0), 500).unref();
  },
  (e) => {
    process.stderr.write(`${describe(e)}\n`);
    process.exit(3);
  },
);
