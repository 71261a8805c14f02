import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { KEYS, NAMESPACE } from "../../stacks/config";

const ROOT = path.resolve(__dirname, "../..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const ci = fs.readFileSync(path.join(ROOT, ".ci/run"), "utf8");

describe("README keeps its promises", () => {
  it("documents every stack-config key in the configuration table", () => {
    const section = readme.split("\n## Configuration (namespace `enclave`)")[1]!.split("\n## ")[0]!;
    const rows = section.split("\n").filter((l) => l.startsWith("| `enclave:"));
    const documented = rows.map((l) => /^\| `([^`]+)`/.exec(l)?.[1]);
    expect(documented.sort()).toEqual(
      Object.keys(KEYS)
        .map((k) => `${NAMESPACE}:${k}`)
        .sort(),
    );
  });

  it("shows the two set-up commands, and CI runs the test one after a clean install", () => {
    expect(readme).toContain("npm ci && npm run review -- --stack aws-dev");
    expect(readme).toContain("npm ci && npm test");
    expect(ci).toMatch(/npm ci[^\n]*\n(.*\n)*npm test/);
  });

  it("names a reference stack that exists", () => {
    expect(fs.existsSync(path.join(ROOT, "stacks/Pulumi.aws-dev.yaml"))).toBe(true);
  });
});
