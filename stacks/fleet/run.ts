import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { Operation } from "./args";
import type { PlannedStack } from "./plan";

/** What the fleet needs of a stack: Automation API's Stack, or a fake in tests. */
export interface FleetStack {
  preview(opts: OperationOptions): Promise<unknown>;
  up(opts: OperationOptions): Promise<unknown>;
}

export interface OperationOptions {
  /** Policy pack folders (the kit's packs). */
  readonly policyPacks: string[];
  /** One --policy-pack-config file per pack, in the same order. */
  readonly policyPackConfigs: string[];
  /** The engine's events (Automation API `onEvent`): policy violations arrive as policyEvent. */
  readonly onEvent: (event: EngineEvent) => void;
}

export interface FleetDeps {
  /** Opens (up: creates or selects; preview: selects) the named stack of the program. */
  openStack(stack: PlannedStack, operation: Operation): Promise<FleetStack>;
  /** The kit's policy pack folders. */
  readonly policyPacks: readonly string[];
  /** Writes the stack's policy config for one pack where the CLI can read it; returns its path. */
  writePolicyConfig(stack: PlannedStack, pack: string): string;
  readonly now?: () => number;
}

/** 0 succeeded, 1 mandatory policy violations, 2 could not be evaluated (or skipped). */
export type Code = 0 | 1 | 2;

export interface StackResult {
  readonly stack: string;
  readonly role: PlannedStack["role"];
  readonly code: Code;
  readonly result: "ok" | "policy violations" | "failed" | "skipped";
  readonly seconds: number;
  readonly detail: string;
}

/**
 * The mandatory policy violations among the engine's events, one line each (`[mandatory]
 * <policy>: <message>`): the structured source, read before any text.
 */
export function mandatoryViolations(events: readonly EngineEvent[]): string[] {
  return events
    .map((e) => e.policyEvent)
    .filter((p) => p !== undefined && p.enforcementLevel === "mandatory")
    .map((p) => `[mandatory] ${p!.policyName}: ${p!.message.split("\n")[0]!.trim()}`);
}

/**
 * When no policy event was seen (an older CLI, or the events were lost): the CLI's text output
 * marks each mandatory violation with "[mandatory]" (the Policies: block of `pulumi preview`/`up`)
 * and fails the operation; any other failure is an evaluation error.
 */
export function classify(error: unknown): { code: 1 | 2; detail: string } {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split("\n").map((l) => l.trim());
  const violation = lines.find((l) => /\[mandatory\]/i.test(l));
  if (violation !== undefined || /mandatory policy violation/i.test(text)) {
    return { code: 1, detail: violation ?? "mandatory policy violations" };
  }
  const errorLine = lines.find((l) => /(^|\s)error:/i.test(l));
  const cause =
    errorLine?.slice(errorLine.search(/error:/i)) ?? lines.find((l) => l !== "") ?? "failed";
  return { code: 2, detail: cause };
}

/** The first violation, and how many more. */
function summarise(lines: readonly string[]): string {
  return lines.length === 1 ? lines[0]! : `${lines[0]!} (and ${lines.length - 1} more)`;
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the input order in the results. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function runFleet(
  plan: readonly PlannedStack[],
  operation: Operation,
  concurrency: number,
  deps: FleetDeps,
): Promise<StackResult[]> {
  const now = deps.now ?? (() => Date.now());
  const runOne = async (stack: PlannedStack): Promise<StackResult> => {
    const start = now();
    const done = (code: Code, result: StackResult["result"], detail: string): StackResult => ({
      stack: stack.name,
      role: stack.role,
      code,
      result,
      seconds: Math.round((now() - start) / 100) / 10,
      detail,
    });
    const events: EngineEvent[] = [];
    const violations = () => mandatoryViolations(events);
    try {
      const opts: OperationOptions = {
        policyPacks: [...deps.policyPacks],
        policyPackConfigs: deps.policyPacks.map((pack) => deps.writePolicyConfig(stack, pack)),
        onEvent: (event) => {
          if (event.policyEvent !== undefined) {
            events.push(event);
          }
        },
      };
      const s = await deps.openStack(stack, operation);
      await (operation === "up" ? s.up(opts) : s.preview(opts));
      const seen = violations();
      return seen.length > 0 ? done(1, "policy violations", summarise(seen)) : done(0, "ok", "");
    } catch (e) {
      const seen = violations();
      if (seen.length > 0) {
        return done(1, "policy violations", summarise(seen));
      }
      const { code, detail } = classify(e);
      return done(code, code === 1 ? "policy violations" : "failed", detail);
    }
  };
  const platforms = plan.filter((s) => s.role === "platform");
  const tenants = plan.filter((s) => s.role === "tenant");
  const first = await pool(platforms, concurrency, runOne);
  const failed = first.filter((r) => r.code !== 0).map((r) => r.stack);
  // An update of a tenant would read outputs its platform did not produce.
  const second =
    operation === "up" && failed.length > 0
      ? tenants.map((s): StackResult => ({
          stack: s.name,
          role: s.role,
          code: 2,
          result: "skipped",
          seconds: 0,
          detail: `not updated: platform stack ${failed.join(", ")} did not succeed`,
        }))
      : await pool(tenants, concurrency, runOne);
  return [...first, ...second];
}

export function exitCode(results: readonly StackResult[]): Code {
  return results.reduce<Code>((worst, r) => (r.code > worst ? r.code : worst), 0);
}

/** The summary table: one row per stack, in the order they ran. */
export function summaryTable(operation: Operation, results: readonly StackResult[]): string {
  const header = ["stack", "role", "result", "seconds", "detail"];
  const rows = results.map((r) => [r.stack, r.role, r.result, r.seconds.toFixed(1), r.detail]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const counts = [0, 1, 2].map((c) => results.filter((r) => r.code === c).length);
  return [
    `fleet ${operation}: ${results.length} stack(s)`,
    line(header),
    line(widths.map((w, i) => "-".repeat(i === widths.length - 1 ? header[i]!.length : w))),
    ...rows.map(line),
    `ok ${counts[0]}, policy violations ${counts[1]}, failed or skipped ${counts[2]}; exit ${exitCode(results)}`,
  ].join("\n");
}
