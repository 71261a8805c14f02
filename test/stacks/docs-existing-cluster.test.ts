import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import type { StackReview } from "../../review/model";
import { runReview } from "../../review/review";

/**
 * docs/existing-cluster.md, "Audit records the operator collects": the outputs it lists are
 * exactly those the onprem-dev stack exports, and the containers and labels it tells the collector
 * to select exist in that stack's workloads.
 */
const ROOT = path.resolve(__dirname, "../..");
const DOC = fs.readFileSync(path.join(ROOT, "docs/existing-cluster.md"), "utf8");
const SECTION = DOC.slice(
  DOC.indexOf("## Audit records the operator collects"),
  DOC.indexOf("### pgAudit with common PostgreSQL operators"),
);

let review: StackReview;
beforeAll(async () => {
  [review] = await runReview({
    programDir: ROOT,
    stacks: { kind: "stack", name: "onprem-dev" },
    packDirs: [],
    awsAccountId: "123456789012",
    organization: "organization",
    today: new Date().toISOString().slice(0, 10),
  });
}, 240_000);

const ticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe("docs/existing-cluster.md, audit records", () => {
  it("lists exactly the outputs onprem-dev exports", () => {
    expect(review.errors).toEqual([]);
    const sentence = SECTION.slice(
      SECTION.indexOf("exports exactly these):"),
      SECTION.indexOf("Those that name"),
    );
    expect(ticked(sentence).sort()).toEqual(Object.keys(review.outputs).sort());
  });

  it("names containers and app.kubernetes.io/name labels that the stack's workloads carry", () => {
    const workloads = review.resources.filter((r) =>
      /^kubernetes:(apps\/v1:(Deployment|StatefulSet)|batch\/v1:Job)$/.test(r.type),
    );
    const pods = workloads.map((w) => {
      const template = (w.inputs as Record<string, any>)["spec"]["template"];
      return {
        name: template.metadata.labels["app.kubernetes.io/name"] as string,
        containers: (template.spec.containers as { name: string }[]).map((c) => c.name),
        namespace: (w.inputs as Record<string, any>)["metadata"]["namespace"] as string,
      };
    });
    const table = SECTION.split("\n").filter(
      (l) => l.startsWith("| ") && !l.startsWith("| record"),
    );
    const rows = table.map((l) => l.split("|").map((c) => c.trim()));
    let checked = 0;
    for (const [, , where, select] of rows) {
      const containers = /container/.test(where!) ? ticked(where!) : [];
      // `app.kubernetes.io/name=x`, or "`app.kubernetes.io/name` = `x`, `y`".
      const listedAfter = "`app.kubernetes.io/name` =";
      const at = select!.indexOf(listedAfter);
      const labels = [
        ...ticked(select!)
          .filter((t) => t.startsWith("app.kubernetes.io/name="))
          .map((t) => t.slice("app.kubernetes.io/name=".length)),
        ...(at >= 0 ? ticked(select!.slice(at + listedAfter.length)) : []),
      ];
      for (const c of containers) {
        expect(
          pods.some((p) => p.containers.includes(c)),
          `container ${c}`,
        ).toBe(true);
        checked++;
      }
      for (const label of labels) {
        expect(
          pods.some((p) => p.name === label),
          `label ${label}`,
        ).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
    expect(new Set(pods.map((p) => p.namespace))).toEqual(new Set([review.outputs["namespace"]]));
  });
});
