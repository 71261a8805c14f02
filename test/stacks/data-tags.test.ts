import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { DATA_TAG_KEYS } from "../../policy-packs/lib/tenancy/data-tags";
import { statefulEntry } from "../../policy-packs/lib/stateful";
import dataTags from "../../policy-packs/policies/pulumi/pulumi-resource-stateful-require-data-tags";
import {
  resolve,
  runProgram,
  setAwsMocks,
  type RecordedResource,
} from "../helpers/aws-target-mocks";
import { readStackFile } from "../helpers/aws-target-stack";
import { runResourcePolicy } from "../helpers/policy";

/**
 * aws-prod (classification restricted, owner acme-data-governance) through the real AWS target:
 * every stateful resource carries the four data tags from the stack's config, the policy is
 * silent on them and fires once one is dropped, and the data stores are listed with their marks.
 */
type Config = typeof import("../../stacks/config");
type Target = typeof import("../../stacks/targets/aws");
type Stores = typeof import("../../stacks/data-stores");
let resources: RecordedResource[];
let stores: Awaited<ReturnType<Stores["listDataStores"]>>;

beforeAll(async () => {
  await setAwsMocks();
  const cfg: Config = await import("../../stacks/config");
  const target: Target = await import("../../stacks/targets/aws");
  const { listDataStores }: Stores = await import("../../stacks/data-stores");
  const config = cfg.parseStackConfig(readStackFile("aws-prod"), {
    project: "enclave",
    stack: "aws-prod",
  });
  const run = await runProgram(() => {
    const t = target.buildAwsTarget(config);
    return listDataStores(config, t.dataStores, undefined);
  });
  resources = run.resources;
  stores = run.result;
});

const stateful = () =>
  resources.filter((r) => !r.type.startsWith("enclave:") && statefulEntry(r.type, r.inputs));

describe("data tags on the AWS target", () => {
  it("tags every stateful resource with the stack's classification, owner, tenant and environment", () => {
    expect(stateful().length).toBeGreaterThan(8);
    for (const r of stateful()) {
      expect(r.inputs.tags, r.name).toMatchObject({
        "enclave:classification": "restricted",
        "enclave:owner": "acme-data-governance",
        "enclave:tenant": "acme",
        "enclave:environment": "prod",
      });
      expect(runResourcePolicy(dataTags, { type: r.type, props: r.inputs }).violations).toEqual([]);
    }
  });

  it("fires on the kit's bucket once its classification tag is dropped", () => {
    const bucket = stateful().find((r) => r.name === "enclave-acme-prod-data-bucket")!;
    const { "enclave:classification": _c, ...tags } = bucket.inputs.tags;
    expect(
      runResourcePolicy(dataTags, { type: bucket.type, props: { ...bucket.inputs, tags } })
        .violations,
    ).toEqual([
      "This resource holds objects; it lacks the data tags enclave:classification. Set enclave:classification and enclave:owner in the stack (the kit's components tag every resource with them, the tenant and the environment), or add the tags to a resource made outside them.",
    ]);
  });

  it("lists each bucket and the database with its classification and owner", async () => {
    const listed = await Promise.all(
      stores.map(async (s) => ({ ...s, name: await resolve(s.name) })),
    );
    expect(listed.map((s) => [s.kind, s.purpose, s.classification, s.owner])).toEqual([
      ["bucket", "tenant-data", "restricted", "acme-data-governance"],
      ["bucket", "access-logs", "restricted", "acme-data-governance"],
      ["bucket", "audit-trail", "restricted", "acme-data-governance"],
      ["database", "tenant-data", "restricted", "acme-data-governance"],
    ]);
    expect(listed[0]!.name).toBe("enclave-acme-prod-data-111122223333");
  });

  it("documents the data tag keys the policy reads", () => {
    const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/lineage.md"), "utf8");
    for (const keys of Object.values(DATA_TAG_KEYS)) {
      for (const key of Object.values(keys)) {
        expect(doc, key).toContain(`\`${key}\``);
      }
    }
  });
});
