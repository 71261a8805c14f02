/**
 * A Markdown summary fit for a pull-request comment: the verdict, counts, a table of violations,
 * waived findings, waiver problems, errors and (by default) the stack's standing per NIST SP 800-53
 * control. GitHub-flavoured tables; every cell escaped.
 */
import {
  controlStandings,
  judgedLine,
  policyEvidence,
  type ControlStanding,
  type ControlStatus,
  type PolicyEvidence,
} from "../evidence";
import { networkFlows } from "../flows";
import { exitCodeOfAll, type StackReview, type Violation } from "../model";
import { flowchart } from "./mermaid";
import {
  compareStrings,
  countsOf,
  expiredWaiverFor,
  findPolicy,
  isMulti,
  placeholderNotice,
  stateSecretsNotice,
  plural,
  resourceOf,
  sortViolations,
  verdictOf,
  verdictStatus,
  type ReportOptions,
} from "./common";

export interface MarkdownOptions extends ReportOptions {
  /** Add the "By NIST SP 800-53 control" section (default true). */
  readonly byControl?: boolean;
  /** Rows per table before the rest is summarised (default 100; comments have a size limit). */
  readonly maxRows?: number;
}

/** Escapes text for a table cell or list item: Markdown punctuation, HTML, pipes, newlines. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .trim()
    .replace(/&/g, "&amp;")
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/\n/g, "<br>");
}

/** An inline code span that survives a table cell (pipes escaped, newlines flattened). */
export function code(text: string): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = longest > 0 || flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ];
}

function resourceCell(urn: string | undefined): string {
  const r = resourceOf(urn);
  if (!r) {
    return "(stack)";
  }
  return r.type ? `${code(r.name)} (${escapeText(r.type)})` : code(r.name);
}

export { controlStandings, type ControlStanding, type ControlStatus } from "../evidence";

function policyMention(p: PolicyEvidence): string {
  switch (p.status) {
    case "failed":
      return `${code(p.policy)} (${plural(p.violations, "violation")})`;
    case "waived":
      return `${code(p.policy)} (${p.waived} waived)`;
    case "passed":
      return `${code(p.policy)} (${plural(p.resourcesJudged, "resource")})`;
    default:
      return `${code(p.policy)} (${p.status})`;
  }
}

function controlSection(review: StackReview, h: string): string[] {
  const standings = controlStandings(review);
  const lines = [`${h} By NIST SP 800-53 control`, ""];
  if (standings.length === 0) {
    return [...lines, "No policy of the packs maps to a NIST SP 800-53 control.", ""];
  }
  const count = (s: ControlStatus) => standings.filter((c) => c.status === s).length;
  // Only policies that judged a resource of this stack are named in a row; the rest are counted.
  const judgedNothing = (c: ControlStanding) =>
    c.policies.filter((p) => p.status === "not applicable" || p.status === "disabled").length;
  lines.push(
    `${plural(standings.length, "control")}: ${count("evidenced")} evidenced, ${count("failing")} failing, ` +
      `${count("waived")} waived, ${count("not evaluated")} not evaluated. A control is evidenced ` +
      "only by policies that judged resources of this stack and passed.",
    "",
    ...table(
      ["Control", "Status", "Policies that ran", "Judged nothing"],
      standings.map((c) => [
        c.control,
        c.status,
        c.policies
          .filter((p) => p.status !== "not applicable" && p.status !== "disabled")
          .map(policyMention)
          .join(", ") || "none",
        String(judgedNothing(c)),
      ]),
    ),
    "",
  );
  const idle = policyEvidence(review)
    .filter((p) => p.status === "not applicable" || p.status === "disabled")
    .sort((a, b) => compareStrings(a.policy, b.policy));
  if (idle.length > 0) {
    lines.push(
      `<details><summary>${plural(idle.length, "policy", "policies")} judged no resource of this stack</summary>`,
      "",
      idle
        .map((p) => `${code(p.policy)}${p.status === "disabled" ? " (disabled)" : ""}`)
        .join(", "),
      "",
      "</details>",
      "",
    );
  }
  return lines;
}

function limited<T>(items: readonly T[], max: number): { shown: readonly T[]; more: string[] } {
  if (items.length <= max) {
    return { shown: items, more: [] };
  }
  return {
    shown: items.slice(0, max),
    more: ["", `... and ${items.length - max} more; see the JSON or SARIF report.`],
  };
}

function stackSection(review: StackReview, level: number, options: MarkdownOptions): string[] {
  const h = "#".repeat(level + 1);
  const maxRows = options.maxRows ?? 100;
  const c = countsOf(review);
  const packs =
    review.packs.length > 0
      ? review.packs.map((p) => `${p.name} ${p.version}`).join(", ")
      : "no policy packs";
  const lines: string[] = [
    `**Verdict: ${verdictOf(review)}**`,
    "",
    `${plural(c.mandatory, "mandatory violation")}, ${plural(c.advisory, "advisory violation")}, ` +
      `${c.waived} waived, ${plural(c.errors, "error")}; ${plural(c.resources, "resource")} reviewed ` +
      `with ${escapeText(packs)}.`,
    "",
    `${judgedLine(review)}.`,
    "",
  ];
  if (review.stateFile) {
    lines.push(`Reviewed from the stack export ${code(review.stateFile)}; no program ran.`, "");
  }
  const notice = placeholderNotice(review);
  if (notice) {
    lines.push(`> **Note:** ${notice} (${review.placeholderSecrets.map(code).join(", ")}).`, "");
  }
  const stateNotice = stateSecretsNotice(review);
  if (stateNotice) {
    lines.push(`> **Note:** ${stateNotice}.`, "");
  }

  if (review.violations.length > 0) {
    const { shown, more } = limited(sortViolations(review.violations), maxRows);
    lines.push(
      `${h} Violations (${review.violations.length})`,
      "",
      ...table(
        ["Severity", "Level", "Policy", "Resource", "Message"],
        shown.map((v) => [
          v.severity,
          v.enforcementLevel,
          code(v.policy),
          resourceCell(v.urn),
          escapeText(v.message) + (expiredWaiverFor(review, v) ? "<br>(waiver expired)" : ""),
        ]),
      ),
      ...more,
      "",
    );
    const remediations = [...new Map(shown.map((v) => [`${v.pack}\u0000${v.policy}`, v])).values()]
      .map((v) => ({ v, text: findPolicy(review, v.pack, v.policy)?.remediation }))
      .filter((r): r is { v: Violation; text: string } => Boolean(r.text));
    if (remediations.length > 0) {
      lines.push(
        "<details><summary>Remediation</summary>",
        "",
        ...remediations.map(({ v, text }) => `- ${code(v.policy)}: ${escapeText(text)}`),
        "",
        "</details>",
        "",
      );
    }
  }

  if (review.waived.length > 0) {
    const { shown, more } = limited(sortViolations(review.waived), maxRows);
    lines.push(
      `${h} Waived findings (${review.waived.length})`,
      "",
      ...table(
        ["Severity", "Level", "Policy", "Resource", "Justification", "Expires"],
        shown.map((v) => [
          v.severity,
          v.enforcementLevel,
          code(v.policy),
          resourceCell(v.urn),
          escapeText(v.waiver.justification),
          escapeText(v.waiver.expires),
        ]),
      ),
      ...more,
      "",
    );
  }
  const waiverList = (title: string, items: StackReview["expiredWaivers"], verb: string) => {
    if (items.length > 0) {
      lines.push(
        `${h} ${title} (${items.length})`,
        "",
        ...items.map(
          (w) =>
            `- ${code(w.policy)} on ${code(w.resource)}, ${verb} ${escapeText(w.expires)}: ` +
            escapeText(w.justification),
        ),
        "",
      );
    }
  };
  waiverList("Expired waivers", review.expiredWaivers, "expired");
  waiverList("Unused waivers", review.unusedWaivers, "expires");

  if (review.errors.length > 0) {
    lines.push(
      `${h} Errors (${review.errors.length})`,
      "",
      ...review.errors.map(
        (e) =>
          `- **${e.phase}**${e.subject ? ` ${code(e.subject)}` : ""}: ${escapeText(e.message)}`,
      ),
      "",
    );
  }
  const chart = flowchart(networkFlows(review.resources));
  if (chart) {
    lines.push(
      `${h} Network flows`,
      "",
      "What the stack's NetworkPolicies, Ingress routes (with their Traefik allowlists) and security " +
        "groups allow, read from its resources: who may open which port to whom, by trust boundary.",
      "",
      "```mermaid",
      chart,
      "```",
      "",
    );
  }
  if (options.byControl ?? true) {
    lines.push(...controlSection(review, h));
  }
  return lines;
}

/** The Markdown summary of one stack or, with several, a summary table and a section per stack. */
export function renderMarkdown(
  reviews: readonly StackReview[],
  options: MarkdownOptions = {},
): string {
  const lines: string[] = [];
  if (!isMulti(reviews, options)) {
    const review = reviews[0];
    if (!review) {
      throw new Error("The Markdown report needs a review.");
    }
    lines.push(`## Policy review: ${escapeText(`${review.project}/${review.stack}`)}`, "");
    lines.push(...stackSection(review, 2, options));
  } else {
    const overall = (["PASS", "FAIL", "ERROR"] as const)[exitCodeOfAll(reviews)];
    const notPassing = reviews.filter((r) => verdictStatus(r) !== "PASS").length;
    lines.push(
      `## Policy review: ${plural(reviews.length, "stack")}`,
      "",
      `**Overall: ${overall}** (${notPassing} of ${plural(reviews.length, "stack")} not passing)`,
      "",
      ...table(
        ["Stack", "Resources", "Mandatory", "Advisory", "Waived", "Verdict"],
        reviews.map((r) => {
          const c = countsOf(r);
          return [
            code(`${r.project}/${r.stack}`),
            String(c.resources),
            String(c.mandatory),
            String(c.advisory),
            String(c.waived),
            verdictOf(r),
          ];
        }),
      ),
      "",
    );
    for (const review of reviews) {
      lines.push(`### ${escapeText(`${review.project}/${review.stack}`)}`, "");
      lines.push(...stackSection(review, 3, options));
    }
  }
  while (lines[lines.length - 1] === "") {
    lines.pop();
  }
  return `${lines.join("\n")}\n`;
}
