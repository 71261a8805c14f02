import { describe, expect, it } from "vitest";
import secretCmk from "../../../policy-packs/policies/aws/aws-secretsmanager-secret-configure-cmk";
import recoveryWindow from "../../../policy-packs/policies/aws/aws-secretsmanager-secret-configure-recovery-window";
import logGroupCmk from "../../../policy-packs/policies/aws/aws-cloudwatch-loggroup-configure-cmk";
import retention from "../../../policy-packs/policies/aws/aws-cloudwatch-loggroup-configure-retention";
import { KEY_ARN, violationsOf, withValue } from "../../helpers/aws-policies";

const SECRET = "aws:secretsmanager/secret:Secret";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

const secret = {
  name: "tenant-a/db",
  kmsKeyId: KEY_ARN,
  recoveryWindowInDays: 30,
  replicas: [{ region: "eu-central-1", kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/abc" }],
};
const logGroup = { name: "/aws/eks/enclave/cluster", kmsKeyId: KEY_ARN, retentionInDays: 400 };

describe("aws-secretsmanager-secret-configure-cmk", () => {
  it("passes a secret and replicas under customer keys", () => {
    expect(violationsOf(secretCmk, SECRET, secret)).toEqual([]);
  });
  it("flags the default key on the secret and on a replica", () => {
    expect(violationsOf(secretCmk, SECRET, withValue(secret, "kmsKeyId", undefined))).toEqual([
      "kmsKeyId is not set, so the AWS-managed key is used. Name a customer-managed key.",
    ]);
    expect(
      violationsOf(secretCmk, SECRET, withValue(secret, "replicas.0.kmsKeyId", undefined)),
    ).toEqual([
      "replicas[0].kmsKeyId is not set, so the AWS-managed key is used. Name a customer-managed key in the replica's region.",
    ]);
  });
});

describe("aws-secretsmanager-secret-configure-recovery-window", () => {
  it("passes the default and long windows", () => {
    expect(violationsOf(recoveryWindow, SECRET, secret)).toEqual([]);
    expect(
      violationsOf(recoveryWindow, SECRET, withValue(secret, "recoveryWindowInDays", undefined)),
    ).toEqual([]);
  });
  it("flags immediate deletion and short windows", () => {
    expect(
      violationsOf(recoveryWindow, SECRET, withValue(secret, "recoveryWindowInDays", 0)),
    ).toEqual([
      "recoveryWindowInDays is 0: deleting the secret destroys it immediately. Remove the setting or use at least 7 days.",
    ]);
    expect(
      violationsOf(recoveryWindow, SECRET, withValue(secret, "recoveryWindowInDays", 10), {
        minimumRecoveryWindowDays: 14,
      }),
    ).toEqual(["recoveryWindowInDays is 10, below 14 days. Set it to at least 14."]);
  });
});

describe("aws-cloudwatch-loggroup-configure-cmk", () => {
  it("passes a log group under a customer key", () => {
    expect(violationsOf(logGroupCmk, LOG_GROUP, logGroup)).toEqual([]);
  });
  it("flags a log group without a key", () => {
    expect(
      violationsOf(logGroupCmk, LOG_GROUP, withValue(logGroup, "kmsKeyId", undefined)),
    ).toEqual([
      "kmsKeyId is not set, so the log group has only CloudWatch's service-owned encryption. Name a customer-managed key.",
    ]);
  });
});

describe("aws-cloudwatch-loggroup-configure-retention", () => {
  it("passes long retention and never-expiring groups", () => {
    expect(violationsOf(retention, LOG_GROUP, logGroup)).toEqual([]);
    expect(
      violationsOf(retention, LOG_GROUP, withValue(logGroup, "retentionInDays", undefined)),
    ).toEqual([]);
    expect(violationsOf(retention, LOG_GROUP, withValue(logGroup, "retentionInDays", 0))).toEqual(
      [],
    );
  });
  it("flags retention below the configured minimum", () => {
    expect(violationsOf(retention, LOG_GROUP, withValue(logGroup, "retentionInDays", 90))).toEqual([
      "retentionInDays is 90, below 365 days. Set it to at least 365.",
    ]);
    expect(
      violationsOf(retention, LOG_GROUP, withValue(logGroup, "retentionInDays", 90), {
        minimumRetentionDays: 90,
      }),
    ).toEqual([]);
  });
});
