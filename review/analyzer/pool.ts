import type { ReviewError } from "../model";
import type { Handlers } from "./inProcess";
import type { PackProcess } from "./process";

/** One of the kit's packs loaded in the reviewer's process (inProcess.ts). */
export interface LoadedPack {
  readonly directory: string;
  readonly handlers: Handlers;
}

/** A running pack: its own process, or loaded in the reviewer's. */
export type RunningPack = PackProcess | LoadedPack;

/** A started pack, or why it could not start. */
export type StartedPack = RunningPack | ReviewError;

/**
 * The pack processes of one review: started once, on the first call of `packs()` (right after
 * the first evaluation process, the longest single step), shared by every stack, stopped at the
 * end. A pack that fails to start is kept as its error, reported with every stack.
 */
export class PackPool {
  private ready: Promise<readonly StartedPack[]> | undefined;
  private readonly created = Date.now();
  /** Milliseconds from the pool's creation until every pack had started (0 until then). */
  startMs = 0;

  constructor(
    private readonly dirs: readonly string[],
    private readonly start: (dir: string) => Promise<RunningPack>,
  ) {}

  packs(): Promise<readonly StartedPack[]> {
    this.ready ??= Promise.all(
      this.dirs.map(async (dir): Promise<StartedPack> => {
        try {
          return await this.start(dir);
        } catch (e) {
          return { phase: "pack", subject: dir, message: (e as Error).message };
        }
      }),
    ).then((started) => {
      this.startMs = Date.now() - this.created;
      return started;
    });
    return this.ready;
  }

  /** Stops every pack that started; nothing if none was asked for. */
  async stop(): Promise<void> {
    for (const p of this.ready ? await this.ready : []) {
      if ("stop" in p) {
        p.stop();
      }
    }
  }
}
