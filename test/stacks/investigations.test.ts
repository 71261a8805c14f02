import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import type { StackReview } from "../../review/model";
import { runReview } from "../../review/review";

/**
 * docs/investigations.md's table: every row names the resources of the reference stacks that
 * produce or keep its record (`<type>::<logical name>`, `<tenant>`/`<env>` for the stack's), or says
 * plainly that the operator provides it; each named resource exists in the aws-prod stack, as the
 * offline reviewer runs it (the program under the mock engine, no pack needed).
 */
const ROOT = path.resolve(__dirname, "../..");
const DOC = fs.readFileSync(path.join(ROOT, "docs/investigations.md"), "utf8");
const RESOURCE = /`([a-z0-9-]+:[A-Za-z0-9/.-]+:[A-Za-z0-9]+)::([^`]+)`/g;

interface Row {
  readonly question: string;
  readonly resourceCell: string;
}

/** The rows of the first table whose header has a "resource" column. */
function tableRows(markdown: string): { header: string[]; rows: Row[] } {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => l.startsWith("| question |"));
  // Cells split on "|" not escaped as "\|".
  const cells = (line: string) =>
    line
      .replace(/\\\|/g, "\u0000")
      .split("|")
      .slice(1, -1)
      .map((c) => c.replace(/\u0000/g, "|").trim());
  const header = cells(lines[start]!);
  const column = header.findIndex((h) => h.startsWith("resource"));
  const rows: Row[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) {
      break;
    }
    const c = cells(line);
    rows.push({ question: c[0]!, resourceCell: c[column]! });
  }
  return { header, rows };
}

let review: StackReview;
beforeAll(async () => {
  [review] = await runReview({
    programDir: ROOT,
    stacks: { kind: "stack", name: "aws-prod" },
    packDirs: [],
    awsAccountId: "123456789012",
    organization: "organization",
    today: new Date().toISOString().slice(0, 10),
  });
}, 240_000);

describe("docs/investigations.md", () => {
  const { header, rows } = tableRows(DOC);

  it("has the investigator's columns and the questions of issue 11", () => {
    expect(header).toEqual([
      "question",
      "record",
      "resource (reference stacks)",
      "where it is kept",
      "kept for",
      "how to query",
    ]);
    const questions = rows.map((r) => r.question.toLowerCase()).join("\n");
    for (const q of [
      "who downloaded object x",
      "who changed annotation y",
      "who logged in, from where",
      "who changed a key policy or a bucket policy",
      "who exec'd into a pod",
      "container logs",
    ]) {
      expect(questions).toContain(q);
    }
  });

  it("names in every row a resource the reference stacks create, or says the operator provides it", () => {
    for (const row of rows) {
      const named = [...row.resourceCell.matchAll(RESOURCE)];
      expect(
        named.length > 0 || /the operator provides/i.test(row.resourceCell),
        row.question,
      ).toBe(true);
    }
  });

  it("every resource it names exists in the aws-prod stack (type and logical name)", () => {
    expect(review.errors).toEqual([]);
    const present = new Set(review.resources.map((r) => `${r.type}::${r.name}`));
    const named = rows.flatMap((row) =>
      [...row.resourceCell.matchAll(RESOURCE)].map(
        ([, type, name]) =>
          `${type}::${name!.replace(/<tenant>/g, "acme").replace(/<env>/g, "prod")}`,
      ),
    );
    expect(named.length).toBeGreaterThanOrEqual(20);
    expect(named.filter((n) => !present.has(n))).toEqual([]);
  });
});
