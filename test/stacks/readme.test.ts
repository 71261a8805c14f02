import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { KEYS, NAMESPACE } from "../../stacks/config";

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const readme = read("README.md");
const configuration = read("docs/configuration.md");
const ci = read(".ci/run");
const pages = [
  "README.md",
  ...fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** The keys listed in the "Keys" table of docs/configuration.md. */
function documentedKeys(page: string): string[] {
  const section = page.split("\n## Keys\n")[1]!.split("\n## ")[0]!;
  const rows = section.split("\n").filter((l) => l.startsWith("| `enclave:"));
  return rows.map((l) => /^\| `([^`]+)`/.exec(l)![1]!).sort();
}

const configKeys = Object.keys(KEYS)
  .map((k) => `${NAMESPACE}:${k}`)
  .sort();

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

describe("README and docs keep their promises", () => {
  it("documents every stack-config key in docs/configuration.md, and no other", () => {
    expect(documentedKeys(configuration)).toEqual(configKeys);
  });

  it("the key check fails when a key is undocumented", () => {
    const withoutApp = configuration
      .split("\n")
      .filter((l) => !l.startsWith("| `enclave:app`"))
      .join("\n");
    expect(documentedKeys(withoutApp)).not.toEqual(configKeys);
    expect(documentedKeys(withoutApp)).not.toContain("enclave:app");
  });

  it("shows the two set-up commands, and CI runs the test one after a clean install", () => {
    expect(readme).toContain("npm ci && npm run review -- --stack aws-dev");
    expect(readme).toContain("npm ci && npm test");
    expect(ci).toMatch(/npm ci[^\n]*\n(.*\n)*npm test/);
  });

  it("keeps README.md a page", () => {
    expect(readme.split("\n").length).toBeLessThan(250);
  });

  it("names a reference stack that exists", () => {
    expect(fs.existsSync(path.join(ROOT, "stacks/Pulumi.aws-dev.yaml"))).toBe(true);
  });

  it.each(pages)("%s links only to files and headings that exist", (page) => {
    const broken: string[] = [];
    for (const [, target] of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) {
        continue; // https:, mailto:
      }
      const [file, anchor] = target!.split("#");
      const resolved = file ? path.join(path.dirname(page), file) : page;
      if (!fs.existsSync(path.join(ROOT, resolved))) {
        broken.push(target!);
      } else if (anchor !== undefined && !anchors(read(resolved)).has(anchor)) {
        broken.push(target!);
      }
    }
    expect(broken).toEqual([]);
  });

  it("every docs page named in the code's messages and comments exists", () => {
    const named = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          walk(rel);
        } else if (/\.(ts|yaml)$/.test(entry.name)) {
          for (const [page] of read(rel).matchAll(/docs\/[\w-]+\.md/g)) {
            named.add(page);
          }
        }
      }
    };
    ["components", "stacks", "review"].forEach(walk);
    expect(named.size).toBeGreaterThan(0);
    expect([...named].filter((page) => !fs.existsSync(path.join(ROOT, page)))).toEqual([]);
  });
  it("shows the bench table exactly as npm run bench wrote it, and its plot", () => {
    const shown = /<!-- bench:table[^>]*-->\n([\s\S]*?)\n<!-- \/bench:table -->/.exec(readme)?.[1];
    const written = read("docs/bench/bench.md").split("\n\n")[1]!.trim();
    expect(shown).toBe(written);
    expect(readme).toContain("](docs/bench/bench.png)");
    expect(fs.statSync(path.join(ROOT, "docs/bench/bench.png")).size).toBeGreaterThan(1000);
  });
});
