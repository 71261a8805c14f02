import { referenceNames, type StackReferenceSources } from "./engine/stackReferences";
import type { ReviewError, StackReview } from "./model";

/**
 * The order stacks are reviewed in, so that a stack reading another's outputs (a StackReference,
 * e.g. a tenant reading its platform) runs after it: stacks start in their listed order; one whose
 * run failed only because it read a stack of this run not finished yet waits for it and runs
 * again. The reviewer knows no kit: the order is learnt from the references the programs read.
 */
export class ReferenceSchedule {
  private readonly queue: number[];
  private readonly outputs: Record<string, Record<string, unknown>>;
  private readonly failed: string[] = [];
  private readonly done = new Set<string>();
  /** Stack awaited -> the indexes waiting for it, with their last attempt. */
  private readonly waiters = new Map<string, Map<number, StackReview>>();

  constructor(
    private readonly stacks: readonly string[],
    given: Readonly<Record<string, Record<string, unknown>>>,
    private readonly project: string,
  ) {
    this.queue = stacks.map((_, i) => i);
    this.outputs = { ...given };
  }

  /** The next stack to review, or undefined when none is ready. */
  next(): number | undefined {
    return this.queue.shift();
  }

  /** What the programs' StackReference reads are answered from, as of now. */
  sources(): StackReferenceSources {
    return { outputs: { ...this.outputs }, failed: [...this.failed] };
  }

  /**
   * True when the stack at `index` must wait: it read a stack of this run that has not finished
   * (and is not itself). Otherwise its review is final.
   */
  deferred(index: number, missing: readonly string[], attempt: StackReview): boolean {
    const own = this.stacks[index]!;
    const awaited = missing
      .map((reference) =>
        referenceNames(reference, this.project).find((n) => this.stacks.includes(n)),
      )
      .find((stack) => stack !== undefined && stack !== own && !this.done.has(stack));
    if (awaited === undefined) {
      return false;
    }
    const waiting = this.waiters.get(awaited) ?? new Map<number, StackReview>();
    waiting.set(index, attempt);
    this.waiters.set(awaited, waiting);
    return true;
  }

  /** Records a finished stack (its outputs when it could be evaluated) and wakes its waiters. */
  finished(stack: string, outputs: Record<string, unknown> | undefined): void {
    this.done.add(stack);
    if (outputs === undefined) {
      this.failed.push(stack);
    } else {
      this.outputs[stack] = outputs;
    }
    const waiting = this.waiters.get(stack);
    this.waiters.delete(stack);
    this.queue.push(...(waiting?.keys() ?? []));
  }

  /** Stacks still waiting once nothing is left to run: index, last attempt, the stack awaited. */
  waiting(): [number, StackReview, string][] {
    return [...this.waiters.entries()].flatMap(([awaited, m]) =>
      [...m.entries()].map(([i, r]): [number, StackReview, string] => [i, r, awaited]),
    );
  }
}

/**
 * The error of a stack left waiting: it read a stack of the run that waits, directly or through
 * others, on a cycle of StackReferences, so no order could give either its outputs.
 */
export function cycleError(stack: string, awaited: string): ReviewError {
  return {
    phase: "program",
    message: `stack ${stack} reads StackReference "${awaited}", a stack of this run that waits, directly or through other stacks, on a cycle of StackReferences, so neither could be reviewed first (the reviewer never invents outputs). Fix: remove the StackReference that closes the cycle (a platform stack never reads its tenants).`,
  };
}
