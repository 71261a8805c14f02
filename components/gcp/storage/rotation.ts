/**
 * Scheduled rotation of Diffgram's storage key, without a clock resource: the time line is cut
 * into periods of half the rotation days, counted from the Unix epoch, and two key slots take
 * turns. Slot A is renewed at the start of every even period, slot B of every odd one, so each key
 * lives at most `rotationDays`, and the Secret always holds the key renewed last, which stays
 * valid for at least one more period: a pod that loaded the previous key keeps working for that
 * long after the switch. A slot's `keepers` carry its generation, so a new period changes the
 * key's inputs and the provider replaces it (create first, then delete the old one). The switch
 * happens at the first `pulumi up` after the period starts: run one at least once a period.
 */
export interface KeyRotation {
  readonly rotationDays: number;
  /** The deployment's clock (the stack passes `new Date()`; tests pass fixed dates). */
  readonly now: Date;
}

export type KeySlot = "a" | "b";
export const KEY_SLOTS: readonly KeySlot[] = ["a", "b"];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Length of one period in milliseconds: half the rotation days. */
export function periodMs(rotationDays: number): number {
  return (rotationDays * DAY_MS) / 2;
}

/** The period `now` falls in, counted from 1970-01-01T00:00Z. */
export function currentPeriod(rotation: KeyRotation): number {
  return Math.floor(rotation.now.getTime() / periodMs(rotation.rotationDays));
}

/** The period a slot's key was last renewed in (at or before the current one). */
export function slotGeneration(slot: KeySlot, period: number): number {
  const parity = slot === "a" ? 0 : 1;
  return period - ((((period - parity) % 2) + 2) % 2);
}

/** The slot renewed in the current period: the one the Secret holds. */
export function activeSlot(period: number): KeySlot {
  return period % 2 === 0 ? "a" : "b";
}

/** When a slot's key was created (the start of its generation), for messages and docs. */
export function generationStart(rotationDays: number, generation: number): Date {
  return new Date(generation * periodMs(rotationDays));
}
