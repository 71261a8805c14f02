import { describe, expect, it } from "vitest";
import multiAz from "../../../policy-packs/policies/aws/aws-rds-database-enable-multi-az";
import { violationsOf, withValue } from "../../helpers/aws-policies";

const INSTANCE = "aws:rds/instance:Instance";
const prod = { engine: "postgres", multiAz: true, tags: { "enclave:environment": "prod" } };

describe("aws-rds-database-enable-multi-az", () => {
  it("passes a Multi-AZ production database and a single-AZ development one", () => {
    expect(violationsOf(multiAz, INSTANCE, prod)).toEqual([]);
    const dev = withValue(withValue(prod, "multiAz", false), "tags", {
      "enclave:environment": "dev",
    });
    expect(violationsOf(multiAz, INSTANCE, dev)).toEqual([]);
  });

  it("flags a single-AZ database in staging or prod", () => {
    expect(violationsOf(multiAz, INSTANCE, withValue(prod, "multiAz", false))).toEqual([
      'multiAz is not true in environment "prod": the database runs in one zone and goes down with it. Set multiAz: true.',
    ]);
    const staging = withValue(withValue(prod, "multiAz", undefined), "tags", {
      "enclave:environment": "staging",
    });
    expect(violationsOf(multiAz, INSTANCE, staging)).toEqual([
      'multiAz is not true in environment "staging": the database runs in one zone and goes down with it. Set multiAz: true.',
    ]);
  });

  it("requires Multi-AZ of untagged databases", () => {
    expect(
      violationsOf(
        multiAz,
        INSTANCE,
        withValue(withValue(prod, "tags", undefined), "multiAz", false),
      ),
    ).toEqual([
      "multiAz is not true and the instance has no enclave:environment tag: it runs in one zone. Set multiAz: true (or tag a development database with its environment).",
    ]);
  });

  it("follows the configured tag and environments, and skips read replicas", () => {
    const custom = { engine: "postgres", tags: { env: "uat" } };
    expect(
      violationsOf(multiAz, INSTANCE, custom, { environmentTag: "env", requiredIn: ["uat"] }),
    ).toHaveLength(1);
    expect(
      violationsOf(multiAz, INSTANCE, custom, { environmentTag: "env", requiredIn: ["prod"] }),
    ).toEqual([]);
    expect(
      violationsOf(
        multiAz,
        INSTANCE,
        withValue(withValue(prod, "multiAz", false), "replicateSourceDb", "source-db"),
      ),
    ).toEqual([]);
  });
});
