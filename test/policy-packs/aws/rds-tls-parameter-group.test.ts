import { describe, expect, it } from "vitest";
import tlsGroup from "../../../policy-packs/policies/aws/aws-rds-database-require-tls-parameter-group";
import { PARAMETERS } from "../../../components/aws/database/defaults";
import { urnOf, type StackResourceInput } from "../../helpers/policy";
import { UNKNOWN_STRING, stackViolationsOf, withValue } from "../../helpers/aws-policies";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const GROUP = "aws:rds/parameterGroup:ParameterGroup";
const CLUSTER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";

/** The kit's shape: PostgreSQL 14 on a group of the stack with the kit's parameters. */
const instanceStack = (): StackResourceInput[] => [
  {
    type: GROUP,
    name: "db-params",
    props: {
      name: "db-params-1a2b",
      id: "db-params-1a2b",
      family: "postgres14",
      parameters: PARAMETERS.map((p) => ({ ...p })),
    },
  },
  {
    type: INSTANCE,
    name: "db",
    props: { engine: "postgres", engineVersion: "14.12", parameterGroupName: "db-params-1a2b" },
  },
];
const at = (stack: StackResourceInput[], name: string, path: string, value: unknown) =>
  stack.map((r) => (r.name === name ? withValue(r, path, value) : r));
const withoutForceSsl = (stack: StackResourceInput[], name: string) =>
  stack.map((r) =>
    r.name === name
      ? withValue(
          r,
          "props.parameters",
          (r.props.parameters as { name: string }[]).filter((p) => p.name !== "rds.force_ssl"),
        )
      : r,
  );

/** An Aurora PostgreSQL cluster whose cluster group forces TLS. */
const auroraStack = (): StackResourceInput[] => [
  {
    type: CLUSTER_GROUP,
    name: "aurora-params",
    props: {
      name: "aurora-params",
      family: "aurora-postgresql16",
      parameters: [{ name: "rds.force_ssl", value: "1" }],
    },
  },
  {
    type: CLUSTER,
    name: "aurora",
    props: {
      engine: "aurora-postgresql",
      engineVersion: "16.4",
      dbClusterParameterGroupName: "aurora-params",
    },
  },
];

const instanceUrn = urnOf(INSTANCE, "db");
const clusterUrn = urnOf(CLUSTER, "aurora");

describe("aws-rds-database-require-tls-parameter-group", () => {
  it("passes the kit's instance on its TLS group, and an Aurora cluster on a TLS cluster group", () => {
    expect(PARAMETERS.some((p) => p.name === "rds.force_ssl" && p.value === "1")).toBe(true);
    expect(stackViolationsOf(tlsGroup, instanceStack())).toEqual([]);
    expect(stackViolationsOf(tlsGroup, auroraStack())).toEqual([]);
  });
  it("passes PostgreSQL 15+ on the default group, whose rds.force_ssl is 1", () => {
    const onDefault = at(
      at(instanceStack(), "db", "props.parameterGroupName", "default.postgres16"),
      "db",
      "props.engineVersion",
      "16.4",
    );
    expect(stackViolationsOf(tlsGroup, onDefault)).toEqual([]);
  });
  it("flags PostgreSQL before 15 on the default group, or with no group named", () => {
    const message = (group: string) => ({
      message: `Database instance "db" uses the engine's default parameter group (${group}) and the default group of PostgreSQL 14 leaves rds.force_ssl at 0: clients that do not ask for TLS are accepted. Name a parameter group of the stack with rds.force_ssl = 1.`,
      urn: instanceUrn,
    });
    expect(
      stackViolationsOf(
        tlsGroup,
        at(instanceStack(), "db", "props.parameterGroupName", "default.postgres14"),
      ),
    ).toEqual([message("default.postgres14")]);
    expect(
      stackViolationsOf(tlsGroup, at(instanceStack(), "db", "props.parameterGroupName", undefined)),
    ).toEqual([message("none named")]);
  });
  it("flags the default group when engineVersion is not pinned", () => {
    const unpinned = at(
      at(instanceStack(), "db", "props.parameterGroupName", undefined),
      "db",
      "props.engineVersion",
      undefined,
    );
    expect(stackViolationsOf(tlsGroup, unpinned).map((v) => v.message)).toEqual([
      'Database instance "db" uses the engine\'s default parameter group (none named) and engineVersion is not pinned, so whether the default group forces TLS cannot be seen: clients that do not ask for TLS are accepted. Name a parameter group of the stack with rds.force_ssl = 1.',
    ]);
  });
  it("flags an instance on a group of the stack that turns rds.force_ssl off, or leaves it at a default that is off", () => {
    const message = {
      message:
        'Database instance "db" uses parameter group "db-params", which does not set rds.force_ssl = 1: clients that do not ask for TLS are accepted. Set rds.force_ssl to 1 in that group.',
      urn: instanceUrn,
    };
    const off = instanceStack().map((r) =>
      r.type === GROUP
        ? withValue(
            r,
            "props.parameters",
            (r.props.parameters as { name: string; value: string }[]).map((p) =>
              p.name === "rds.force_ssl" ? { ...p, value: "0" } : p,
            ),
          )
        : r,
    );
    expect(stackViolationsOf(tlsGroup, off)).toEqual([message]);
    expect(stackViolationsOf(tlsGroup, withoutForceSsl(instanceStack(), "db-params"))).toEqual([
      message,
    ]);
    // Family 15+ without the parameter inherits rds.force_ssl=1.
    expect(
      stackViolationsOf(
        tlsGroup,
        at(
          withoutForceSsl(instanceStack(), "db-params"),
          "db-params",
          "props.family",
          "postgres16",
        ),
      ),
    ).toEqual([]);
  });
  it("joins through propertyDependencies when the group's name is computed", () => {
    const resources = instanceStack().map((r) =>
      r.type === INSTANCE
        ? {
            ...withValue(r, "props.parameterGroupName", "computed-name"),
            propertyDependencies: { parameterGroupName: ["db-params"] },
          }
        : r,
    );
    expect(stackViolationsOf(tlsGroup, withoutForceSsl(resources, "db-params"))).toHaveLength(1);
    expect(stackViolationsOf(tlsGroup, resources)).toEqual([]);
  });
  it("flags an Aurora PostgreSQL cluster on the default cluster group or a cluster group without rds.force_ssl", () => {
    expect(
      stackViolationsOf(
        tlsGroup,
        at(
          auroraStack(),
          "aurora",
          "props.dbClusterParameterGroupName",
          "default.aurora-postgresql16",
        ),
      ),
    ).toEqual([
      {
        message:
          'Database cluster "aurora" uses the engine\'s default parameter group (default.aurora-postgresql16) and the default Aurora PostgreSQL cluster group leaves rds.force_ssl at 0: clients that do not ask for TLS are accepted. Name a parameter group of the stack with rds.force_ssl = 1.',
        urn: clusterUrn,
      },
    ]);
    expect(stackViolationsOf(tlsGroup, withoutForceSsl(auroraStack(), "aurora-params"))).toEqual([
      {
        message:
          'Database cluster "aurora" uses parameter group "aurora-params", which does not set rds.force_ssl = 1: clients that do not ask for TLS are accepted. Set rds.force_ssl to 1 in that group.',
        urn: clusterUrn,
      },
    ]);
  });
  it("does not judge other engines, groups outside the stack, or unknown values", () => {
    expect(stackViolationsOf(tlsGroup, at(instanceStack(), "db", "props.engine", "mysql"))).toEqual(
      [],
    );
    expect(
      stackViolationsOf(tlsGroup, at(instanceStack(), "db", "props.engine", UNKNOWN_STRING)),
    ).toEqual([]);
    expect(
      stackViolationsOf(
        tlsGroup,
        at(instanceStack(), "db", "props.parameterGroupName", "shared-tls-group"),
      ),
    ).toEqual([]);
    expect(
      stackViolationsOf(
        tlsGroup,
        at(
          withoutForceSsl(instanceStack(), "db-params"),
          "db-params",
          "props.parameters",
          UNKNOWN_STRING,
        ),
      ),
    ).toEqual([]);
  });
});
