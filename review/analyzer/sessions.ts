import type { PackDescription, ReviewError, Violation } from "../model";
import { PackSession, type PackAnalysis } from "./client";
import type { Fanout } from "./fanout";
import type { StartedPack } from "./pool";
import type { PackRequest, StackContext } from "./requests";

/** What the packs made of one stack. */
export interface StackAnalysis {
  readonly packs: PackDescription[];
  /** Each pack's whole answer, what each policy judged included (evidence). */
  readonly analyses: PackAnalysis[];
  readonly violations: Violation[];
  readonly errors: ReviewError[];
}

function packFailure(directory: string, stack: string, e: unknown): ReviewError {
  return {
    phase: "pack",
    subject: directory,
    message: `the policy pack in ${directory} failed while analyzing stack ${stack}: ${(e as Error).message}`,
  };
}

/**
 * One stack's sessions with every started pack: opened (configured for the stack) as the packs
 * become ready, each attached to the stack's fan-out; then either finished with the stack-wide
 * request, or closed when the program failed.
 */
export class StackSessions {
  private readonly sessions: Promise<readonly (PackSession | ReviewError)[]>;

  constructor(
    packs: Promise<readonly StartedPack[]>,
    private readonly ctx: StackContext,
    fanout: Fanout,
  ) {
    this.sessions = packs.then((started) =>
      Promise.all(
        started.map(async (pack): Promise<PackSession | ReviewError> => {
          if ("phase" in pack) {
            return pack;
          }
          try {
            const session = await PackSession.open(pack, pack.directory, ctx);
            fanout.attach(session);
            return session;
          } catch (e) {
            return packFailure(pack.directory, ctx.stack, e);
          }
        }),
      ),
    );
  }

  /** Sends AnalyzeStack to every session and collects the findings; packs sorted by name. */
  async finish(stackRequest: PackRequest): Promise<StackAnalysis> {
    const out: StackAnalysis = { packs: [], analyses: [], violations: [], errors: [] };
    await Promise.all(
      (await this.sessions).map(async (session) => {
        if (!(session instanceof PackSession)) {
          out.errors.push(session);
          return;
        }
        try {
          const result = await session.finish(stackRequest);
          out.analyses.push(result);
          out.packs.push(result.pack);
          out.violations.push(...result.violations);
        } catch (e) {
          out.errors.push(packFailure(session.directory, this.ctx.stack, e));
        }
      }),
    );
    out.packs.sort((a, b) => a.name.localeCompare(b.name));
    return out;
  }

  /**
   * Closes every session without analyzing the stack. Awaited before the next stack configures
   * the same packs, so no call of this stack's sessions lands later.
   */
  async close(): Promise<void> {
    (await this.sessions).forEach((s) => s instanceof PackSession && s.close());
  }
}
