import { describe, expect, it } from "vitest";
import audit from "../../../policy-packs/policies/aws/aws-rds-database-enable-audit-logging";
import { LOG_EXPORTS, PARAMETERS } from "../../../components/aws/database/defaults";
import type { StackResourceInput } from "../../helpers/policy";
import { UNKNOWN_STRING, stackViolationsOf, withValue } from "../../helpers/aws-policies";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const GROUP = "aws:rds/parameterGroup:ParameterGroup";
const CLUSTER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const urn = (type: string, name: string) => `urn:pulumi:test::enclave::${type}::${name}`;

/** The kit's database (components/aws/database): its own pgaudit group, the postgresql log exported. */
const group = { name: "enclave-acme-prod-params", family: "postgres17", parameters: PARAMETERS };
const instance = {
  engine: "postgres",
  parameterGroupName: "enclave-acme-prod-params",
  enabledCloudwatchLogsExports: [...LOG_EXPORTS],
};
const stack = (
  db: Record<string, unknown> = instance,
  g: Record<string, unknown> | null = group,
): StackResourceInput[] => [
  ...(g ? [{ type: GROUP, name: "params", props: g }] : []),
  { type: INSTANCE, name: "db", props: db },
];
const dbUrn = urn(INSTANCE, "db");
const noPgaudit = {
  ...group,
  parameters: PARAMETERS.filter((p) => p.name !== "shared_preload_libraries"),
};

describe("aws-rds-database-enable-audit-logging", () => {
  it("passes the kit's database: its pgaudit group named, the postgresql log exported", () => {
    expect(stackViolationsOf(audit, stack())).toEqual([]);
    // Joined through the engine's property dependencies when the name is computed.
    expect(
      stackViolationsOf(audit, [
        { type: GROUP, name: "params", props: { ...group, name: "params-1a2b" } },
        {
          type: INSTANCE,
          name: "db",
          props: { ...instance, parameterGroupName: "params-1a2b" },
          propertyDependencies: { parameterGroupName: ["params"] },
        },
      ]),
    ).toEqual([]);
  });

  it("fires when the database uses the engine's default group (named or by omission)", () => {
    for (const [value, shown] of [
      [undefined, "none named"],
      ["default.postgres17", "default.postgres17"],
    ] as const) {
      expect(
        stackViolationsOf(audit, stack(withValue(instance, "parameterGroupName", value))),
      ).toEqual([
        {
          message: `Database instance "db" uses the engine's default parameter group (${shown}), which does not load pgaudit: nothing it reads or changes is audited. Name a parameter group of the stack that preloads pgaudit.`,
          urn: dbUrn,
        },
      ]);
    }
  });

  it("fires when the stack's group it names does not preload pgaudit", () => {
    expect(stackViolationsOf(audit, stack(instance, noPgaudit))).toEqual([
      {
        message: `Database instance "db" uses parameter group "params", whose shared_preload_libraries does not load pgaudit: nothing it reads or changes is audited. Add pgaudit to shared_preload_libraries and set pgaudit.log.`,
        urn: dbUrn,
      },
    ]);
  });

  it("fires when the postgresql log is not exported to CloudWatch Logs", () => {
    for (const exports of [["upgrade"], undefined]) {
      expect(
        stackViolationsOf(
          audit,
          stack(withValue(instance, "enabledCloudwatchLogsExports", exports)),
        ),
      ).toEqual([
        {
          message: `Database instance "db" does not export its postgresql log to CloudWatch Logs (enabledCloudwatchLogsExports is ${JSON.stringify(exports ?? [])}): its audit records stay on the instance and go with it. Add "postgresql".`,
          urn: dbUrn,
        },
      ]);
    }
  });

  it("judges an Aurora PostgreSQL cluster on its cluster parameter group and exports", () => {
    const clusterGroup = { ...group, name: "aurora-params", family: "aurora-postgresql17" };
    const cluster = {
      engine: "aurora-postgresql",
      dbClusterParameterGroupName: "aurora-params",
      enabledCloudwatchLogsExports: ["postgresql"],
    };
    const aurora = (c: Record<string, unknown>, g: Record<string, unknown> = clusterGroup) => [
      { type: CLUSTER_GROUP, name: "cparams", props: g },
      { type: CLUSTER, name: "aurora", props: c },
    ];
    expect(stackViolationsOf(audit, aurora(cluster))).toEqual([]);
    expect(
      stackViolationsOf(
        audit,
        aurora(withValue(cluster, "dbClusterParameterGroupName", undefined)),
      ).map((v) => v.message),
    ).toEqual([
      `Database cluster "aurora" uses the engine's default parameter group (none named), which does not load pgaudit: nothing it reads or changes is audited. Name a parameter group of the stack that preloads pgaudit.`,
    ]);
    expect(
      stackViolationsOf(audit, aurora(cluster, { ...noPgaudit, name: "aurora-params" })).map(
        (v) => v.urn,
      ),
    ).toEqual([urn(CLUSTER, "aurora")]);
  });

  it("does not judge other engines, a group outside the stack, or unknown values", () => {
    expect(stackViolationsOf(audit, stack({ ...instance, engine: "mysql" }))).toEqual([]);
    expect(stackViolationsOf(audit, stack({ ...instance, engine: UNKNOWN_STRING }))).toEqual([]);
    expect(stackViolationsOf(audit, stack(instance, null))).toEqual([]);
    expect(
      stackViolationsOf(audit, stack(withValue(instance, "parameterGroupName", UNKNOWN_STRING))),
    ).toEqual([]);
    expect(
      stackViolationsOf(audit, stack(instance, withValue(noPgaudit, "parameters", UNKNOWN_STRING))),
    ).toEqual([]);
    expect(
      stackViolationsOf(
        audit,
        stack(withValue(instance, "enabledCloudwatchLogsExports", UNKNOWN_STRING)),
      ),
    ).toEqual([]);
  });
});
