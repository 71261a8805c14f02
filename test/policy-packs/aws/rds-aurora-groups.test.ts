/**
 * Aurora takes TLS enforcement and pgAudit from the cluster parameter group: the cluster group is
 * judged like an RDS instance's group (TLS, pgAudit, statement logging), and an Aurora instance
 * parameter group that leaves those cluster-level settings out is not flagged.
 */
import { describe, expect, it } from "vitest";
import forceTls from "../../../policy-packs/policies/aws/aws-rds-parametergroup-enforce-tls";
import pgaudit from "../../../policy-packs/policies/aws/aws-rds-parametergroup-enable-pgaudit";
import statementLogging from "../../../policy-packs/policies/aws/aws-rds-parametergroup-review-statement-logging";
import { violationsOf } from "../../helpers/aws-policies";

const GROUP = "aws:rds/parameterGroup:ParameterGroup";
const CLUSTER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const SCRAM = { passwordsSentAs: "scram-verifier" };

/** The secure Aurora PostgreSQL pair: the cluster group holds TLS and pgAudit. */
const clusterGroup = () => ({
  family: "aurora-postgresql16",
  parameters: [
    { name: "rds.force_ssl", value: "1" },
    { name: "shared_preload_libraries", value: "pgaudit", applyMethod: "pending-reboot" },
    { name: "pgaudit.log", value: "read,write,role,ddl" },
    { name: "pgaudit.log_parameter", value: "0" },
    { name: "log_connections", value: "1" },
  ],
});
const instanceGroup = () => ({
  family: "aurora-postgresql16",
  parameters: [{ name: "log_min_duration_statement", value: "1000" }],
});
const without = (g: ReturnType<typeof clusterGroup>, name: string) => ({
  ...g,
  parameters: g.parameters.filter((p) => p.name !== name),
});

describe("Aurora cluster and instance parameter groups", () => {
  it("stays silent on the secure pair (TLS and pgAudit on the cluster group)", () => {
    for (const policy of [forceTls, pgaudit, statementLogging]) {
      expect(violationsOf(policy, CLUSTER_GROUP, clusterGroup(), SCRAM)).toEqual([]);
      expect(violationsOf(policy, GROUP, instanceGroup(), SCRAM)).toEqual([]);
    }
    const mysql = { family: "aurora-mysql8.0", parameters: [] };
    expect(violationsOf(forceTls, GROUP, mysql)).toEqual([]);
  });

  it("judges the cluster group like an instance's: TLS, pgAudit, statement logging", () => {
    expect(violationsOf(forceTls, CLUSTER_GROUP, without(clusterGroup(), "rds.force_ssl"))).toEqual(
      [
        "rds.force_ssl is not set for family aurora-postgresql16, whose default accepts unencrypted connections. Add rds.force_ssl = 1.",
      ],
    );
    expect(
      violationsOf(pgaudit, CLUSTER_GROUP, without(clusterGroup(), "shared_preload_libraries")),
    ).toEqual([
      "shared_preload_libraries does not load pgaudit (family aurora-postgresql16): nothing is audited.",
    ]);
    const logsAll = { ...clusterGroup() };
    logsAll.parameters = [...logsAll.parameters, { name: "log_statement", value: "all" }];
    expect(violationsOf(statementLogging, CLUSTER_GROUP, logsAll)).toHaveLength(1);
  });

  it("still flags what an Aurora instance group overrides itself", () => {
    const weak = instanceGroup();
    weak.parameters.push(
      { name: "rds.force_ssl", value: "0" },
      { name: "pgaudit.log", value: "ddl" },
      { name: "pgaudit.log_parameter", value: "on" },
    );
    expect(violationsOf(forceTls, GROUP, weak)).toEqual([
      'rds.force_ssl is "0" in family aurora-postgresql16: unencrypted connections are accepted. Set it to 1.',
    ]);
    expect(violationsOf(pgaudit, GROUP, weak)).toEqual([
      'pgaudit.log does not cover read, write, role (it is "ddl").',
      "pgaudit.log_parameter is on: statement parameters (passwords among them) are written to the log.",
    ]);
    const logsAll = instanceGroup();
    logsAll.parameters.push({ name: "log_statement", value: "all" });
    expect(violationsOf(statementLogging, GROUP, logsAll)).toHaveLength(1);
  });
});
