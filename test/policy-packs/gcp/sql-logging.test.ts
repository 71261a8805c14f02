import { describe, expect, it } from "vitest";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";
import { GCP } from "../../../policy-packs/lib/gcp/types";
import pgaudit from "../../../policy-packs/policies/gcp/gcp-sql-databaseinstance-enable-pgaudit";
import connections from "../../../policy-packs/policies/gcp/gcp-sql-databaseinstance-enable-connection-logging";
import { DATABASE_FLAGS } from "../../../components/gcp/database/defaults";
import { SQL_INSTANCE, mutate } from "../../helpers/gcp-fixtures";
import { runResourcePolicy } from "../../helpers/policy";

type Flag = { name: string; value: string };

const run = (policy: EnclaveResourcePolicy, props: Record<string, unknown>) => {
  const outcome = runResourcePolicy(policy, { type: GCP.sqlInstance, props });
  expect(outcome.notApplicable).toBeUndefined();
  return outcome.violations;
};
const FLAGS = SQL_INSTANCE.settings.databaseFlags as Flag[];
/** The compliant instance with its flags replaced. */
const withFlags = (flags: Flag[]) => mutate(SQL_INSTANCE, "settings.databaseFlags", flags);
/** The compliant instance with one flag's value changed (or the flag removed). */
const flag = (name: string, value: string | undefined) =>
  withFlags(
    value === undefined
      ? FLAGS.filter((f) => f.name !== name)
      : FLAGS.map((f) => (f.name === name ? { ...f, value } : f)),
  );
/** The kit's own instance flags (components/gcp/database/defaults.ts). */
const KIT = withFlags(DATABASE_FLAGS.map((f) => ({ ...f })));
/** What terraform-google-sql-db's postgresql module declares by default: no flags at all. */
const MODULE_DEFAULT = withFlags([]);

describe("gcp-sql-databaseinstance-enable-pgaudit", () => {
  it("passes the compliant instance, the kit's own flags, pgaudit.log = all and ON in capitals", () => {
    expect(run(pgaudit, SQL_INSTANCE)).toEqual([]);
    expect(run(pgaudit, KIT)).toEqual([]);
    expect(run(pgaudit, flag("pgaudit.log", "all"))).toEqual([]);
    expect(run(pgaudit, flag("cloudsql.enable_pgaudit", "ON"))).toEqual([]);
    expect(run(pgaudit, flag("pgaudit.log_parameter", undefined))).toEqual([]);
  });

  it("fails the module default (no flags) and pgAudit turned off", () => {
    const off =
      'settings.databaseFlags does not set cloudsql.enable_pgaudit, so pgAudit is not loaded and nothing is audited. Set it to "on".';
    expect(run(pgaudit, MODULE_DEFAULT)).toEqual([off]);
    expect(run(pgaudit, flag("cloudsql.enable_pgaudit", undefined))).toEqual([off]);
    expect(run(pgaudit, flag("cloudsql.enable_pgaudit", "off"))).toEqual([
      'settings.databaseFlags sets cloudsql.enable_pgaudit to "off", so pgAudit is not loaded and nothing is audited. Set it to "on".',
    ]);
  });

  it("fails when pgaudit.log is missing or leaves classes out", () => {
    expect(run(pgaudit, flag("pgaudit.log", undefined))).toEqual([
      'pgaudit.log does not cover read, write, role, ddl (it is "none").',
    ]);
    expect(run(pgaudit, flag("pgaudit.log", "ddl,role"))).toEqual([
      'pgaudit.log does not cover read, write (it is "ddl,role").',
    ]);
  });

  it("fails when statement parameters are logged", () => {
    expect(run(pgaudit, flag("pgaudit.log_parameter", "on"))).toEqual([
      "pgaudit.log_parameter is on: statement parameters (passwords among them) are written to the log.",
    ]);
  });

  it("does not judge MySQL, SQL Server or an unknown version", () => {
    for (const version of ["MYSQL_8_0", "SQLSERVER_2022_STANDARD", undefined]) {
      expect(run(pgaudit, mutate(MODULE_DEFAULT, "databaseVersion", version))).toEqual([]);
    }
  });
});

describe("gcp-sql-databaseinstance-enable-connection-logging", () => {
  it("passes the compliant instance, the kit's own flags and values Cloud SQL reads as on", () => {
    expect(run(connections, SQL_INSTANCE)).toEqual([]);
    expect(run(connections, KIT)).toEqual([]);
    expect(run(connections, flag("log_connections", "true"))).toEqual([]);
  });

  it("fails the module default (no flags), naming both", () => {
    expect(run(connections, MODULE_DEFAULT)).toEqual([
      `settings.databaseFlags does not set log_connections (Cloud SQL's default is off), so logins are not logged. Set it to "on".`,
      `settings.databaseFlags does not set log_disconnections (Cloud SQL's default is off), so session ends are not logged. Set it to "on".`,
    ]);
  });

  it("fails each flag turned off or missing", () => {
    expect(run(connections, flag("log_connections", "off"))).toEqual([
      'settings.databaseFlags sets log_connections to "off", so logins are not logged. Set it to "on".',
    ]);
    expect(run(connections, flag("log_disconnections", undefined))).toEqual([
      `settings.databaseFlags does not set log_disconnections (Cloud SQL's default is off), so session ends are not logged. Set it to "on".`,
    ]);
  });

  it("takes the last value of a flag set twice", () => {
    expect(
      run(connections, withFlags([...FLAGS, { name: "log_connections", value: "off" }])),
    ).toEqual([
      'settings.databaseFlags sets log_connections to "off", so logins are not logged. Set it to "on".',
    ]);
  });

  it("does not judge MySQL, SQL Server or an unknown version", () => {
    for (const version of ["MYSQL_8_0", "SQLSERVER_2022_STANDARD", undefined]) {
      expect(run(connections, mutate(MODULE_DEFAULT, "databaseVersion", version))).toEqual([]);
    }
  });
});
