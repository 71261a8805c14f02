/**
 * The console report: per stack a header, violations grouped by severity with each policy's
 * remediation, waived findings, waiver problems, errors and a one-line verdict; with several stacks a
 * summary table. Plain text that stays readable at 100 columns; ANSI colour only when asked for.
 */
import { exitCodeOfAll, type StackReview, type Violation, type WaivedViolation } from "../model";
import { judgedLine } from "../evidence";
import {
  SEVERITY_ORDER,
  countsOf,
  expiredWaiverFor,
  findPolicy,
  isMulti,
  placeholderNotice,
  stateSecretsNotice,
  plural,
  resourceLabel,
  sortViolations,
  verdictOf,
  verdictStatus,
  type ReportOptions,
} from "./common";

export interface TableOptions extends ReportOptions {
  /** ANSI colours; pass `process.stdout.isTTY` (and respect NO_COLOR) from the CLI. */
  readonly color: boolean;
  /** Wrap width; default 100. */
  readonly width?: number;
}

const ANSI = {
  bold: "1",
  dim: "2",
  red: "31",
  green: "32",
  yellow: "33",
  magenta: "35",
  cyan: "36",
} as const;
type Style = keyof typeof ANSI;

const SEVERITY_STYLE: Record<string, Style[]> = {
  critical: ["bold", "red"],
  high: ["red"],
  medium: ["yellow"],
  low: ["cyan"],
  unspecified: ["dim"],
};
const VERDICT_STYLE: Record<string, Style[]> = {
  PASS: ["bold", "green"],
  FAIL: ["bold", "red"],
  ERROR: ["bold", "magenta"],
};

/** Packs and programs are third-party text: keep their control characters off the terminal. */
function clean(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, " ");
}

/** Greedy word wrap; words longer than the line (URNs) get a line of their own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of clean(text).split("\n")) {
    let line = "";
    for (const word of paragraph.split(/ +/).filter((w) => w.length > 0)) {
      if (line.length > 0 && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line.length > 0 ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}

class Writer {
  readonly lines: string[] = [];
  constructor(
    private readonly color: boolean,
    private readonly width: number,
  ) {}

  paint(text: string, styles: readonly Style[]): string {
    if (!this.color || styles.length === 0) {
      return text;
    }
    return `\u001b[${styles.map((s) => ANSI[s]).join(";")}m${text}\u001b[0m`;
  }

  line(text = ""): void {
    this.lines.push(text);
  }

  /** `indent label value`, the value wrapped and aligned under itself. */
  field(indent: number, label: string, value: string, labelWidth: number): void {
    const head = `${" ".repeat(indent)}${`${label}:`.padEnd(labelWidth + 2)}`;
    const body = wrap(value, Math.max(20, this.width - head.length));
    body.forEach((text, i) =>
      this.line(`${i === 0 ? head : " ".repeat(head.length)}${text}`.trimEnd()),
    );
  }

  /** Text wrapped with the given indent on every line. */
  para(indent: number, text: string): void {
    for (const l of wrap(text, Math.max(20, this.width - indent))) {
      this.line(`${" ".repeat(indent)}${l}`.trimEnd());
    }
  }
}

function waiverText(w: { policy: string; resource: string }): string {
  return `${w.policy} on "${w.resource}"`;
}

function renderFinding(out: Writer, review: StackReview, v: Violation | WaivedViolation): void {
  const policy = findPolicy(review, v.pack, v.policy);
  out.line(`  [${v.enforcementLevel}] ${clean(v.policy)} (${clean(v.pack)})`);
  const fields: [string, string][] = [
    ["resource", resourceLabel(v.urn)],
    ["message", v.message],
  ];
  if ("waiver" in v) {
    fields.push(["justification", v.waiver.justification], ["expires", v.waiver.expires]);
  } else {
    if (policy?.remediation) {
      fields.push(["remediation", policy.remediation]);
    }
    const expired = expiredWaiverFor(review, v);
    if (expired) {
      fields.push(["waiver", `expired ${expired.expires} (${expired.justification})`]);
    }
  }
  const labelWidth = Math.max(...fields.map(([label]) => label.length));
  for (const [label, value] of fields) {
    out.field(6, label, value, labelWidth);
  }
}

function renderStack(out: Writer, review: StackReview): void {
  const counts = countsOf(review);
  out.line(out.paint(clean(`=== ${review.project}/${review.stack} ===`), ["bold"]));
  const header: [string, string][] = [["resources", String(counts.resources)]];
  header.push([
    "packs",
    review.packs.length > 0
      ? review.packs.map((p) => `${p.name} ${p.version}`).join(", ")
      : "none (the program ran without policy packs)",
  ]);
  if (review.packs.length > 0) {
    header.push(["policies", judgedLine(review)]);
  }
  if (review.stateFile) {
    header.push(["state", `${review.stateFile} (a stack export; no program ran)`]);
  }
  if (review.configFile) {
    header.push(["config", review.configFile]);
  }
  const notice = placeholderNotice(review);
  if (notice) {
    header.push(["notice", `${notice} (${review.placeholderSecrets.join(", ")}).`]);
  }
  const stateNotice = stateSecretsNotice(review);
  if (stateNotice) {
    header.push(["notice", `${stateNotice}.`]);
  }
  for (const [label, value] of header) {
    out.field(0, label, value, 9);
  }

  out.line();
  if (review.violations.length === 0) {
    out.line("Violations: none");
  } else {
    out.line(
      `Violations: ${review.violations.length} (${counts.mandatory} mandatory, ${counts.advisory} advisory)`,
    );
    const sorted = sortViolations(review.violations);
    for (const severity of SEVERITY_ORDER) {
      const group = sorted.filter((v) => v.severity === severity);
      if (group.length === 0) {
        continue;
      }
      out.line();
      out.line(out.paint(`${severity.toUpperCase()} (${group.length})`, SEVERITY_STYLE[severity]!));
      group.forEach((v) => renderFinding(out, review, v));
    }
  }

  if (review.waived.length > 0) {
    out.line();
    out.line(`Waived: ${review.waived.length} (not counted against the verdict)`);
    sortViolations(review.waived).forEach((v) => renderFinding(out, review, v));
  }
  if (review.expiredWaivers.length > 0) {
    out.line();
    out.line(
      `Expired waivers: ${review.expiredWaivers.length} (their findings count as violations again)`,
    );
    for (const w of review.expiredWaivers) {
      out.para(2, `${waiverText(w)}, expired ${w.expires}: ${w.justification}`);
    }
  }
  if (review.unusedWaivers.length > 0) {
    out.line();
    out.line(
      `Unused waivers: ${review.unusedWaivers.length} (matched no finding; remove them or fix the policy or resource name)`,
    );
    for (const w of review.unusedWaivers) {
      out.para(2, `${waiverText(w)}, expires ${w.expires}: ${w.justification}`);
    }
  }
  if (review.errors.length > 0) {
    out.line();
    out.line(out.paint(`Errors: ${review.errors.length}`, ["bold", "magenta"]));
    for (const e of review.errors) {
      out.para(2, `[${e.phase}${e.subject ? ` ${e.subject}` : ""}] ${e.message}`);
    }
  }
  out.line();
  out.line(`Verdict: ${out.paint(verdictOf(review), VERDICT_STYLE[verdictStatus(review)]!)}`);
}

function renderSummary(out: Writer, reviews: readonly StackReview[]): void {
  const sameProject = new Set(reviews.map((r) => r.project)).size <= 1;
  const head = ["STACK", "RESOURCES", "MANDATORY", "ADVISORY", "WAIVED", "VERDICT"];
  const rows = reviews.map((r) => {
    const c = countsOf(r);
    return [
      clean(sameProject ? r.stack : `${r.project}/${r.stack}`),
      String(c.resources),
      String(c.mandatory),
      String(c.advisory),
      String(c.waived),
      verdictOf(r),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const numeric = (i: number) => i >= 1 && i <= 4;
  const cell = (text: string, i: number) =>
    numeric(i) ? text.padStart(widths[i]!) : i === head.length - 1 ? text : text.padEnd(widths[i]!);
  out.line(out.paint("Summary", ["bold"]));
  out.line(head.map(cell).join("  ").trimEnd());
  rows.forEach((row, r) => {
    const cells = row.map(cell);
    cells[cells.length - 1] = out.paint(
      cells[cells.length - 1]!,
      VERDICT_STYLE[verdictStatus(reviews[r]!)]!,
    );
    out.line(cells.join("  "));
  });
  const overall = (["PASS", "FAIL", "ERROR"] as const)[exitCodeOfAll(reviews)];
  const failing = reviews.filter((r) => verdictStatus(r) !== "PASS").length;
  out.line();
  out.line(
    `Overall: ${out.paint(overall, VERDICT_STYLE[overall]!)} (${failing} of ${plural(reviews.length, "stack")} not passing)`,
  );
}

/** The console report for one stack or, with several, each stack followed by a summary table. */
export function renderTable(reviews: readonly StackReview[], options: TableOptions): string {
  const out = new Writer(options.color, options.width ?? 100);
  if (reviews.length === 0) {
    return "No stack was reviewed.\n";
  }
  reviews.forEach((review, i) => {
    if (i > 0) {
      out.line();
    }
    renderStack(out, review);
  });
  if (isMulti(reviews, options)) {
    out.line();
    renderSummary(out, reviews);
  }
  return `${out.lines.join("\n")}\n`;
}
