import type { Case } from "./cases";

/** One measured row: medians over the paired runs. */
export interface Row extends Case {
  readonly resources: number;
  readonly seconds: number;
  readonly noPacksSeconds: number;
  readonly peakMiB: number;
  readonly runs: number;
}

export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    "| case | packs | stacks | resources | review (s) | program alone (s) | ratio | peak RSS (MiB) | runs |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.label} | ${r.packs === "kit" ? "enclave (4)" : "@pulumi/awsguard"} | ${r.stacks} | ${r.resources.toLocaleString("en")} | ${r.seconds.toFixed(1)} | ${r.noPacksSeconds.toFixed(1)} | ${(r.seconds / r.noPacksSeconds).toFixed(2)}x | ${Math.round(r.peakMiB)} | ${r.runs} |`,
    );
  }
  return lines.join("\n");
}
