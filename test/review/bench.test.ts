import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { benchCases } from "../../review/bench/cases";
import { median } from "../../review/bench/measure";
import { plotPng } from "../../review/bench/plot";
import { markdownTable, type Row } from "../../review/bench/table";

// `npm run bench` itself is too slow for `npm test`; its parts are checked here.
const work = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-bench-test-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("npm run bench", () => {
  it("takes medians of odd and even run counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("sizes the synthetic program and builds fleets of distinct tenants of the aws-dev stack", () => {
    const cases = benchCases({ sizes: [1000], fleets: [3], work });
    const synthetic = cases.filter((c) => c.group === "synthetic");
    expect(synthetic.map((c) => c.packs)).toEqual(["kit", "awsguard"]);
    const config = synthetic[0]!.args[synthetic[0]!.args.indexOf("--config") + 1]!;
    expect(parseYaml(fs.readFileSync(config, "utf8"))).toEqual({ config: { "bench:tenants": 77 } });
    expect(synthetic[1]!.args.slice(-2)[1]).toMatch(/test\/fixtures\/packs\/awsguard$/);
    const fleet = cases.find((c) => c.group === "fleet")!;
    const dir = fleet.args[fleet.args.indexOf("--program") + 1]!;
    const stacks = fs
      .readdirSync(dir)
      .filter((f) => f !== "Pulumi.yaml")
      .sort();
    expect(stacks).toEqual(["Pulumi.t001.yaml", "Pulumi.t002.yaml", "Pulumi.t003.yaml"]);
    const tenants = stacks.map(
      (f) =>
        (
          parseYaml(fs.readFileSync(path.join(dir, f), "utf8")) as {
            config: Record<string, unknown>;
          }
        ).config["enclave:tenant"],
    );
    expect(tenants).toEqual(["t001", "t002", "t003"]);
    const project = parseYaml(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as Record<
      string,
      string
    >;
    expect(project["main"]).toBe(path.resolve(__dirname, "../../stacks/index.ts"));
    expect(project["stackConfigDir"]).toBe(".");
  });

  it("measures the overhead target's 509-resource Kyverno program with the kit's packs", () => {
    const pss = benchCases({ sizes: [], fleets: [], work }).filter(
      (c) => c.label === "kyverno-pss",
    );
    expect(pss.map((c) => c.packs)).toEqual(["kit"]);
    expect(fs.existsSync(path.join(pss[0]!.args[1]!, "index.ts"))).toBe(true);
  });

  it("prints the ratio of each review to its program alone, and plots a PNG", async () => {
    const row: Row = {
      group: "synthetic",
      label: "synthetic 1000",
      packs: "kit",
      stacks: 1,
      args: [],
      resources: 1001,
      seconds: 6,
      noPacksSeconds: 4,
      peakMiB: 300.4,
      runs: 3,
    };
    expect(markdownTable([row]).split("\n")[2]).toBe(
      "| synthetic 1000 | enclave (4) | 1 | 1,001 | 6.0 | 4.0 | 1.50x | 300 | 3 |",
    );
    const png = await plotPng([row, { ...row, group: "fleet", stacks: 10, label: "fleet" }]);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.length).toBeGreaterThan(10_000);
  });
});
