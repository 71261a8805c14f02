import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { gcpSchema } from "../../stacks/config/gcp";
import { GCP_COMMON_DEFAULTS } from "../../components/gcp/settings";

const page = fs.readFileSync(path.resolve(__dirname, "../../docs/gcp.md"), "utf8");

/** Rows of docs/gcp.md's `enclave:gcp` table: field name -> default cell. */
function rows(text: string): Map<string, string> {
  const section = text.split("\n## Configuration\n")[1]!.split("\n## ")[0]!;
  const out = new Map<string, string>();
  for (const line of section.split("\n").filter((l) => l.startsWith("| `"))) {
    const [field, defaultCell] = line.split(" | ");
    const name = /^\| `([A-Za-z.]+)`$/.exec(field!)?.[1];
    if (name !== undefined) {
      out.set(name, (defaultCell ?? "").trim());
    }
  }
  return out;
}

describe("docs/gcp.md", () => {
  const table = rows(page);

  it("has a row with a default for every enclave:gcp field, and no other", () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(gcpSchema.shape).sort());
    for (const [field, defaultCell] of table) {
      expect(defaultCell, field).not.toBe("");
    }
  });

  it("shows the defaults the code applies", () => {
    for (const [field, value] of Object.entries(GCP_COMMON_DEFAULTS.ranges)) {
      expect(table.get(field)).toBe(`\`${value}\``);
    }
    expect(table.get("airGapped")).toBe(`\`${GCP_COMMON_DEFAULTS.airGapped}\``);
    expect(table.get("publicEndpoint")).toBe(`\`${GCP_COMMON_DEFAULTS.publicEndpoint}\``);
    expect(table.get("keyProtectionLevel")).toBe(`\`${GCP_COMMON_DEFAULTS.keyProtectionLevel}\``);
    expect(table.get("logRetentionDays")).toBe(`\`${GCP_COMMON_DEFAULTS.logRetentionDays}\``);
    expect(table.get("keyRotationDays")).toBe(`\`${GCP_COMMON_DEFAULTS.keyRotationDays}\``);
    expect(table.get("databaseRangeCidr")).toBe(`\`${GCP_COMMON_DEFAULTS.databaseRangeCidr}\``);
    expect(table.get("releaseChannel")).toBe(`\`${GCP_COMMON_DEFAULTS.releaseChannel}\``);
    expect(table.get("securityPosture")).toBe(`\`${GCP_COMMON_DEFAULTS.securityPosture}\``);
    expect(table.get("noncurrentVersionRetentionDays")).toBe(
      `\`${GCP_COMMON_DEFAULTS.noncurrentVersionRetentionDays}\``,
    );
  });
});
