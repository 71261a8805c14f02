import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { awsSchema } from "../../stacks/config/aws";

const page = fs.readFileSync(path.resolve(__dirname, "../../docs/aws.md"), "utf8");

/** Rows of docs/aws.md's `enclave:aws` table: first cell (the field names) -> default cell. */
function rows(text: string): Map<string, string> {
  const section = text.split("\n## Configuration\n")[1]!.split("\n## ")[0]!;
  const out = new Map<string, string>();
  for (const line of section.split("\n").filter((l) => l.startsWith("| `"))) {
    const [field, defaultCell] = line.split(" | ");
    for (const m of field!.matchAll(/`([A-Za-z.]+)`/g)) {
      out.set(m[1]!, (defaultCell ?? "").trim());
    }
  }
  return out;
}

/** A field is documented by its own row, or (an object) by rows of its sub-fields. */
const documented = (table: Map<string, string>, field: string) =>
  table.has(field) || [...table.keys()].some((k) => k.startsWith(`${field}.`));

describe("docs/aws.md", () => {
  const table = rows(page);

  it("has a row with a default for every enclave:aws field", () => {
    const fields = Object.keys(awsSchema.shape);
    expect(fields.filter((f) => !documented(table, f))).toEqual([]);
    for (const [field, defaultCell] of table) {
      expect(defaultCell, field).not.toBe("");
    }
  });

  it("documents the operator fields with their defaults, and prod's requirement", () => {
    expect(table.get("clusterAdminPrincipals")).toBe(
      "`[]`; **required in prod** (or `clusterAdminSsoRoleArns`)",
    );
    expect(table.get("clusterAdminSsoRoleArns")).toBe("`[]`");
    expect(table.get("clusterAdminRoleArns")).toBe("`[]`");
    expect(table.get("tenantOperatorRoleArns")).toBe("`[]` = no operator access entry");
  });

  it("the field check fails when a field is undocumented", () => {
    const without = page
      .split("\n")
      .filter((l) => !l.startsWith("| `tenantOperatorRoleArns`"))
      .join("\n");
    expect(documented(rows(without), "tenantOperatorRoleArns")).toBe(false);
  });
});
