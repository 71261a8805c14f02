import { describe, expect, it } from "vitest";
import { PARAMETERS } from "../../components/aws/database/defaults";
import { GCP } from "../../policy-packs/lib/gcp/types";
import { pgauditLogsRoles } from "../../policy-packs/lib/statement-logging";
import rds from "../../policy-packs/policies/aws/aws-rds-parametergroup-review-statement-logging";
import cloudSql from "../../policy-packs/policies/gcp/gcp-sql-databaseinstance-review-statement-logging";
import { violationsOf } from "../helpers/aws-policies";
import { SQL_INSTANCE } from "../helpers/gcp-fixtures";
import { runResourcePolicy } from "../helpers/policy";

const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const SCRAM = { passwordsSentAs: "scram-verifier" };

/** A PostgreSQL parameter group that logs connections but no statement. */
const group = (extra: { name: string; value: string }[] = [], family = "postgres16") => ({
  family,
  parameters: [
    { name: "rds.force_ssl", value: "1" },
    { name: "log_connections", value: "1" },
    ...extra,
  ],
});

const ROLE_LOG =
  "writes CREATE/ALTER ROLE statements, with any password they carry in clear, to the database log";

describe("aws-rds-parametergroup-review-statement-logging", () => {
  it("passes a group that logs no statements, and non-PostgreSQL families", () => {
    expect(violationsOf(rds, PARAMETER_GROUP, group())).toEqual([]);
    expect(
      violationsOf(
        rds,
        PARAMETER_GROUP,
        group([{ name: "log_statement", value: "all" }], "mysql8.0"),
      ),
    ).toEqual([]);
  });
  for (const value of ["ddl", "mod", "all", "DDL"]) {
    it(`flags log_statement = ${value}`, () => {
      expect(violationsOf(rds, PARAMETER_GROUP, group([{ name: "log_statement", value }]))).toEqual(
        [
          `log_statement = ${value.toLowerCase()} ${ROLE_LOG} (family postgres16). Send role passwords as SCRAM verifiers and set passwordsSentAs: "scram-verifier", or stop logging role statements.`,
        ],
      );
    });
  }
  it("passes log_statement = none", () => {
    expect(
      violationsOf(rds, PARAMETER_GROUP, group([{ name: "log_statement", value: "none" }])),
    ).toEqual([]);
  });
  it("flags pgaudit.log with the role class on an Aurora cluster group, not with ddl alone", () => {
    const flagged = violationsOf(
      rds,
      CLUSTER_PARAMETER_GROUP,
      group([{ name: "pgaudit.log", value: "ddl, role" }], "aurora-postgresql16"),
    );
    expect(flagged).toEqual([
      `pgaudit.log = ddl, role ${ROLE_LOG} (family aurora-postgresql16). Send role passwords as SCRAM verifiers and set passwordsSentAs: "scram-verifier", or stop logging role statements.`,
    ]);
    expect(
      violationsOf(
        rds,
        CLUSTER_PARAMETER_GROUP,
        group([{ name: "pgaudit.log", value: "ddl,write" }], "aurora-postgresql16"),
      ),
    ).toEqual([]);
  });
  it("passes when the stack says passwords are sent as SCRAM verifiers", () => {
    expect(
      violationsOf(rds, PARAMETER_GROUP, group([{ name: "log_statement", value: "ddl" }]), SCRAM),
    ).toEqual([]);
  });
  it("fires on the kit's own parameter group unless passwordsSentAs says scram-verifier", () => {
    const kit = { family: "postgres16", parameters: PARAMETERS.map((p) => ({ ...p })) };
    expect(violationsOf(rds, PARAMETER_GROUP, kit)).toEqual([
      `log_statement = ddl and pgaudit.log = read,write,role,ddl ${ROLE_LOG.replace(/^writes /, "write ")} (family postgres16). Send role passwords as SCRAM verifiers and set passwordsSentAs: "scram-verifier", or stop logging role statements.`,
    ]);
    expect(violationsOf(rds, PARAMETER_GROUP, kit, SCRAM)).toEqual([]);
  });
});

describe("gcp-sql-databaseinstance-review-statement-logging", () => {
  /** The compliant instance's flags without the pgaudit.log role class: no role statement logged. */
  const BASE = SQL_INSTANCE.settings.databaseFlags.map((f) =>
    f.name === "pgaudit.log" ? { ...f, value: "read,write,ddl" } : f,
  );
  const run = (
    flags: { name: string; value: string }[],
    config?: Record<string, unknown>,
    version = "POSTGRES_16",
  ) =>
    runResourcePolicy(cloudSql, {
      type: GCP.sqlInstance,
      props: {
        ...SQL_INSTANCE,
        databaseVersion: version,
        settings: {
          ...SQL_INSTANCE.settings,
          databaseFlags: [...BASE, ...flags],
        },
      },
      config,
    }).violations;
  it("passes an instance that audits reads, writes and DDL but not roles", () =>
    expect(run([])).toEqual([]));
  it("fires on the compliant instance's pgaudit role class unless passwordsSentAs says scram-verifier", () => {
    const props = SQL_INSTANCE as unknown as Record<string, unknown>;
    expect(runResourcePolicy(cloudSql, { type: GCP.sqlInstance, props }).violations).toEqual([
      `settings.databaseFlags: pgaudit.log = read,write,role,ddl ${ROLE_LOG}. Send role passwords as SCRAM verifiers and set passwordsSentAs: "scram-verifier", or stop logging role statements.`,
    ]);
    expect(
      runResourcePolicy(cloudSql, { type: GCP.sqlInstance, props, config: SCRAM }).violations,
    ).toEqual([]);
  });
  it("flags log_statement = ddl", () => {
    expect(run([{ name: "log_statement", value: "ddl" }])).toEqual([
      `settings.databaseFlags: log_statement = ddl ${ROLE_LOG}. Send role passwords as SCRAM verifiers and set passwordsSentAs: "scram-verifier", or stop logging role statements.`,
    ]);
  });
  it("flags pgaudit.log = all", () => {
    expect(run([{ name: "pgaudit.log", value: "all" }])).toHaveLength(1);
  });
  it("flags log_min_duration_statement at 0 or more (statements' text), not at -1", () => {
    expect(run([{ name: "log_min_duration_statement", value: "0" }])).toEqual([
      `settings.databaseFlags: log_min_duration_statement = 0 ${ROLE_LOG}. Send role passwords as SCRAM verifiers and set passwordsSentAs: "scram-verifier", or stop logging role statements.`,
    ]);
    expect(run([{ name: "log_min_duration_statement", value: "250" }])).toHaveLength(1);
    expect(run([{ name: "log_min_duration_statement", value: "-1" }])).toEqual([]);
  });
  it("passes with passwordsSentAs scram-verifier, and on MySQL", () => {
    expect(run([{ name: "log_statement", value: "all" }], SCRAM)).toEqual([]);
    expect(run([{ name: "log_statement", value: "all" }], undefined, "MYSQL_8_0")).toEqual([]);
  });
});

describe("pgaudit class lists", () => {
  it("reads role and all, with exclusions in order", () => {
    expect(pgauditLogsRoles("role")).toBe(true);
    expect(pgauditLogsRoles("all")).toBe(true);
    expect(pgauditLogsRoles("all, -role")).toBe(false);
    expect(pgauditLogsRoles("ddl, write, misc")).toBe(false);
    expect(pgauditLogsRoles("")).toBe(false);
  });
});
