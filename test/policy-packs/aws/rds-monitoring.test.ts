import { describe, expect, it } from "vitest";
import monitoring from "../../../policy-packs/policies/aws/aws-rds-database-enable-enhanced-monitoring";
import { UNKNOWN_STRING, violationsOf } from "../../helpers/aws-policies";
import { runResourcePolicy, type ResourceInput } from "../../helpers/policy";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const ROLE = "arn:aws:iam::111122223333:role/enclave-acme-prod-db-monitoring-1";
const compliant = {
  engine: "postgres",
  instanceClass: "db.m6g.large",
  monitoringInterval: 30,
  monitoringRoleArn: ROLE,
};

describe("aws-rds-database-enable-enhanced-monitoring", () => {
  it("passes an instance and a cluster instance monitored every 30 s through a role", () => {
    expect(violationsOf(monitoring, INSTANCE, compliant)).toEqual([]);
    expect(violationsOf(monitoring, CLUSTER_INSTANCE, compliant)).toEqual([]);
  });

  it("fires on the kit's pre-fix instance (no monitoringInterval, no role)", () => {
    const { monitoringInterval: _i, monitoringRoleArn: _r, ...preFix } = compliant;
    expect(violationsOf(monitoring, INSTANCE, preFix)).toEqual([
      "monitoringInterval is 0 or unset, so Enhanced Monitoring is off. Set it to 60 or less.",
    ]);
  });

  it("flags monitoring turned off explicitly", () => {
    expect(violationsOf(monitoring, INSTANCE, { ...compliant, monitoringInterval: 0 })).toEqual([
      "monitoringInterval is 0 or unset, so Enhanced Monitoring is off. Set it to 60 or less.",
    ]);
  });

  it("flags an interval longer than the parameter", () => {
    expect(
      violationsOf(
        monitoring,
        INSTANCE,
        { ...compliant, monitoringInterval: 60 },
        { maxIntervalSeconds: 30 },
      ),
    ).toEqual(["monitoringInterval 60 is longer than 30 seconds. Lower it."]);
  });

  it("flags a missing monitoring role", () => {
    expect(violationsOf(monitoring, INSTANCE, { ...compliant, monitoringRoleArn: "" })).toEqual([
      "monitoringRoleArn is not set, so RDS cannot publish the metrics. Give a role trusted by monitoring.rds.amazonaws.com.",
    ]);
  });

  it("is not applicable while the role is unknown, and never throws", () => {
    const input: ResourceInput = {
      type: INSTANCE,
      props: { ...compliant, monitoringRoleArn: UNKNOWN_STRING },
    };
    const outcome = runResourcePolicy(monitoring as EnclaveResourcePolicy, input);
    expect(outcome.violations).toEqual([]);
    expect(outcome.notApplicable).toBeDefined();
  });
});
