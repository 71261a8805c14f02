import type { StackReview } from "../model";

/**
 * One line of `--all`'s progress, written to stderr (on a terminal) as each stack finishes:
 * `[3/12] aws-dev: 0 mandatory violations (4.1 s)`, or the count of errors when it could not be
 * evaluated.
 */
export function progressLine(
  review: StackReview,
  done: number,
  total: number,
  elapsedMs: number,
): string {
  const mandatory = review.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const what =
    review.errors.length > 0
      ? `ERROR (${plural(review.errors.length, "error")})`
      : `${plural(mandatory, "mandatory violation")}`;
  return `[${done}/${total}] ${review.stack}: ${what} (${(elapsedMs / 1000).toFixed(1)} s)\n`;
}
