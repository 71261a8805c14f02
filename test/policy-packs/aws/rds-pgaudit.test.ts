import { describe, expect, it } from "vitest";
import pgaudit from "../../../policy-packs/policies/aws/aws-rds-parametergroup-enable-pgaudit";
import { PARAMETERS } from "../../../components/aws/database/defaults";
import { violationsOf } from "../../helpers/aws-policies";

const GROUP = "aws:rds/parameterGroup:ParameterGroup";
const CLUSTER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";

/** The kit's own parameter group. */
const compliant = () => ({
  family: "postgres16",
  parameters: PARAMETERS.map((p) => ({ ...p })) as { name: string; value: string }[],
});
const without = (name: string) => {
  const g = compliant();
  g.parameters = g.parameters.filter((p) => p.name !== name);
  return g;
};
const withValue = (name: string, value: string) => {
  const g = compliant();
  g.parameters = g.parameters.map((p) => (p.name === name ? { ...p, value } : p));
  return g;
};

describe("aws-rds-parametergroup-enable-pgaudit", () => {
  it("passes the kit's parameter group, an Aurora cluster group like it, and pgaudit.log = all", () => {
    expect(violationsOf(pgaudit, GROUP, compliant())).toEqual([]);
    expect(
      violationsOf(pgaudit, CLUSTER_GROUP, { ...compliant(), family: "aurora-postgresql16" }),
    ).toEqual([]);
    expect(violationsOf(pgaudit, GROUP, withValue("pgaudit.log", "all"))).toEqual([]);
    expect(
      violationsOf(
        pgaudit,
        GROUP,
        withValue("shared_preload_libraries", "pg_stat_statements,pgaudit"),
      ),
    ).toEqual([]);
  });

  it("does not judge other engines or an unknown family", () => {
    expect(violationsOf(pgaudit, GROUP, { family: "mysql8.0", parameters: [] })).toEqual([]);
    expect(violationsOf(pgaudit, GROUP, { parameters: [] })).toEqual([]);
  });

  it("fails the kit's pre-fix parameter group (no pgaudit)", () => {
    const before = {
      family: "postgres16",
      parameters: PARAMETERS.filter((p) => !`${p.name}=${p.value}`.includes("pgaudit")).map(
        (p) => ({
          ...p,
        }),
      ),
    };
    expect(violationsOf(pgaudit, GROUP, before)).toEqual([
      "shared_preload_libraries does not load pgaudit (family postgres16): nothing is audited.",
    ]);
  });

  it("fails when pgaudit.log is missing or leaves classes out", () => {
    expect(violationsOf(pgaudit, GROUP, without("pgaudit.log"))).toEqual([
      'pgaudit.log does not cover read, write, role, ddl (it is "none").',
    ]);
    expect(violationsOf(pgaudit, GROUP, withValue("pgaudit.log", "ddl,role"))).toEqual([
      'pgaudit.log does not cover read, write (it is "ddl,role").',
    ]);
  });

  it("fails when statement parameters are logged", () => {
    expect(violationsOf(pgaudit, GROUP, withValue("pgaudit.log_parameter", "1"))).toEqual([
      "pgaudit.log_parameter is on: statement parameters (passwords among them) are written to the log.",
    ]);
  });
});
