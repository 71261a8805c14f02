import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { renderCatalog } from "../../policy-packs/catalog/render";
import { ALL_POLICIES } from "../../policy-packs/policies";

describe("policy catalogue", () => {
  it("is committed up to date (run `npm run catalog` after changing a policy)", () => {
    const committed = fs.readFileSync(
      path.resolve(__dirname, "../../policy-packs/POLICIES.md"),
      "utf8",
    );
    expect(committed).toBe(renderCatalog());
  });

  it("lists every policy once", () => {
    const text = renderCatalog();
    for (const p of ALL_POLICIES) {
      expect(text.split(`| \`${p.name}\` |`).length - 1).toBe(1);
    }
  });
});
