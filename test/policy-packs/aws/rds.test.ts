import { describe, expect, it } from "vitest";
import storage from "../../../policy-packs/policies/aws/aws-rds-database-enable-storage-encryption";
import insights from "../../../policy-packs/policies/aws/aws-rds-database-enable-performance-insights-encryption";
import masterSecret from "../../../policy-packs/policies/aws/aws-rds-database-configure-master-secret-cmk";
import notPublic from "../../../policy-packs/policies/aws/aws-rds-database-disallow-public-access";
import deletion from "../../../policy-packs/policies/aws/aws-rds-database-enable-deletion-protection";
import backups from "../../../policy-packs/policies/aws/aws-rds-database-configure-backup-retention";
import iamAuth from "../../../policy-packs/policies/aws/aws-rds-database-enable-iam-authentication";
import password from "../../../policy-packs/policies/aws/aws-rds-database-disallow-plaintext-password";
import forceTls from "../../../policy-packs/policies/aws/aws-rds-parametergroup-enforce-tls";
import { KEY_ARN, violationsOf, withValue } from "../../helpers/aws-policies";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";

const instance = {
  engine: "postgres",
  engineVersion: "16.4",
  instanceClass: "db.t4g.medium",
  storageEncrypted: true,
  kmsKeyId: KEY_ARN,
  publiclyAccessible: false,
  deletionProtection: true,
  skipFinalSnapshot: false,
  finalSnapshotIdentifier: "final",
  backupRetentionPeriod: 14,
  iamDatabaseAuthenticationEnabled: true,
  manageMasterUserPassword: true,
  masterUserSecretKmsKeyId: KEY_ARN,
  performanceInsightsEnabled: true,
  performanceInsightsKmsKeyId: KEY_ARN,
  parameterGroupName: "pg16-tls",
};
const cluster = {
  engine: "aurora-postgresql",
  storageEncrypted: true,
  kmsKeyId: KEY_ARN,
  deletionProtection: true,
  backupRetentionPeriod: 7,
  iamDatabaseAuthenticationEnabled: true,
  manageMasterUserPassword: true,
  masterUserSecretKmsKeyId: KEY_ARN,
};

describe("compliant databases", () => {
  for (const policy of [
    storage,
    insights,
    masterSecret,
    notPublic,
    deletion,
    backups,
    iamAuth,
    password,
  ]) {
    it(`${policy.name} passes the hardened instance and cluster`, () => {
      expect(violationsOf(policy, INSTANCE, instance)).toEqual([]);
      if (policy.enclave.resourceTypes?.includes(CLUSTER)) {
        expect(violationsOf(policy, CLUSTER, cluster)).toEqual([]);
      }
    });
  }
});

describe("aws-rds-database-enable-storage-encryption", () => {
  it("flags unencrypted storage and the AWS-managed key", () => {
    expect(violationsOf(storage, INSTANCE, withValue(instance, "storageEncrypted", false))).toEqual(
      [
        "storageEncrypted is not true: the database, its snapshots and backups are unencrypted. Set storageEncrypted: true with a kmsKeyId.",
      ],
    );
    expect(violationsOf(storage, CLUSTER, withValue(cluster, "kmsKeyId", undefined))).toEqual([
      "kmsKeyId is not set, so the AWS-managed key is used. Name a customer-managed key.",
    ]);
    expect(
      violationsOf(storage, CLUSTER, withValue(cluster, "kmsKeyId", undefined), {
        requireCustomerManagedKey: false,
      }),
    ).toEqual([]);
  });
  it("leaves read replicas to their source", () => {
    expect(
      violationsOf(storage, INSTANCE, {
        instanceClass: "db.t4g.medium",
        replicateSourceDb: "primary",
      }),
    ).toEqual([]);
  });
});

describe("aws-rds-database-enable-performance-insights-encryption", () => {
  it("flags Performance Insights without a customer key, on cluster instances too", () => {
    expect(
      violationsOf(
        insights,
        INSTANCE,
        withValue(instance, "performanceInsightsKmsKeyId", undefined),
      ),
    ).toEqual([
      "Performance Insights is on and performanceInsightsKmsKeyId is not set, so the AWS-managed key is used. Name a customer-managed key.",
    ]);
    expect(
      violationsOf(insights, CLUSTER_INSTANCE, {
        clusterIdentifier: "c",
        instanceClass: "db.r6g.large",
        engine: "aurora-postgresql",
        performanceInsightsEnabled: true,
      }),
    ).toHaveLength(1);
    expect(
      violationsOf(insights, CLUSTER_INSTANCE, {
        clusterIdentifier: "c",
        instanceClass: "db.r6g.large",
        engine: "aurora-postgresql",
      }),
    ).toEqual([]);
  });
});

describe("aws-rds-database-configure-master-secret-cmk", () => {
  it("flags the managed secret under the default key", () => {
    expect(
      violationsOf(
        masterSecret,
        INSTANCE,
        withValue(instance, "masterUserSecretKmsKeyId", undefined),
      ),
    ).toEqual([
      "The managed master password secret is not under a customer key: masterUserSecretKmsKeyId is not set, so the AWS-managed key is used. Name a customer-managed key.",
    ]);
  });
});

describe("aws-rds-database-disallow-public-access", () => {
  it("flags public instances and cluster instances", () => {
    expect(
      violationsOf(notPublic, INSTANCE, withValue(instance, "publiclyAccessible", true)),
    ).toEqual(["publiclyAccessible is true: the database has a public endpoint. Set it to false."]);
    expect(
      violationsOf(notPublic, CLUSTER_INSTANCE, {
        clusterIdentifier: "c",
        instanceClass: "db.r6g.large",
        engine: "aurora-postgresql",
        publiclyAccessible: true,
      }),
    ).toHaveLength(1);
  });
});

describe("aws-rds-database-enable-deletion-protection", () => {
  it("flags missing deletion protection", () => {
    expect(
      violationsOf(deletion, CLUSTER, withValue(cluster, "deletionProtection", undefined)),
    ).toEqual([
      "deletionProtection is not true: the cluster can be deleted by one API call. Set deletionProtection: true.",
    ]);
  });
  it("flags skipping the final snapshot", () => {
    expect(
      violationsOf(deletion, INSTANCE, withValue(instance, "skipFinalSnapshot", true)),
    ).toEqual([
      "skipFinalSnapshot is true: deleting the database keeps no final snapshot. Set it to false with a finalSnapshotIdentifier.",
    ]);
  });
});

describe("aws-rds-database-configure-backup-retention", () => {
  it("flags short and default retention", () => {
    expect(
      violationsOf(backups, INSTANCE, withValue(instance, "backupRetentionPeriod", 3)),
    ).toEqual(["backupRetentionPeriod is 3, below 7 days. Set it to at least 7."]);
    expect(
      violationsOf(backups, CLUSTER, withValue(cluster, "backupRetentionPeriod", undefined)),
    ).toEqual([
      "backupRetentionPeriod is not set (the provider default keeps no backups for instances, 1 day for clusters), below 7 days. Set it to at least 7.",
    ]);
  });
  it("uses the configured minimum", () => {
    expect(violationsOf(backups, INSTANCE, instance, { minimumRetentionDays: 30 })).toEqual([
      "backupRetentionPeriod is 14, below 30 days. Set it to at least 30.",
    ]);
  });
});

describe("aws-rds-database-enable-iam-authentication", () => {
  it("flags IAM authentication off where the engine supports it", () => {
    expect(
      violationsOf(
        iamAuth,
        INSTANCE,
        withValue(instance, "iamDatabaseAuthenticationEnabled", undefined),
      ),
    ).toEqual([
      "iamDatabaseAuthenticationEnabled is not true. Enable IAM database authentication.",
    ]);
    expect(
      violationsOf(iamAuth, INSTANCE, { engine: "sqlserver-se", instanceClass: "db.m5.large" }),
    ).toEqual([]);
  });
});

describe("aws-rds-database-disallow-plaintext-password", () => {
  it("flags a master password kept in state", () => {
    const plain = {
      ...withValue(instance, "manageMasterUserPassword", undefined),
      password: "hunter2hunter2",
    };
    expect(violationsOf(password, INSTANCE, plain)).toEqual([
      "password is set, so the master password is stored in the Pulumi state. Use manageMasterUserPassword: true instead.",
    ]);
    expect(
      violationsOf(password, CLUSTER, {
        ...withValue(cluster, "manageMasterUserPassword", false),
        masterPassword: "x",
      }),
    ).toEqual([
      "masterPassword is set, so the master password is stored in the Pulumi state. Use manageMasterUserPassword: true instead.",
    ]);
  });
  it("accepts write-only passwords", () => {
    expect(
      violationsOf(password, INSTANCE, {
        engine: "postgres",
        instanceClass: "db.t4g.micro",
        passwordWo: "x",
        passwordWoVersion: 1,
      }),
    ).toEqual([]);
  });
});

describe("aws-rds-parametergroup-enforce-tls", () => {
  const param = (family: string, parameters: object[]) => ({ family, parameters });
  it("passes forced TLS and the PostgreSQL 15+ default", () => {
    expect(
      violationsOf(
        forceTls,
        PARAMETER_GROUP,
        param("postgres14", [{ name: "rds.force_ssl", value: "1" }]),
      ),
    ).toEqual([]);
    expect(violationsOf(forceTls, PARAMETER_GROUP, param("postgres16", []))).toEqual([]);
    expect(
      violationsOf(
        forceTls,
        CLUSTER_PARAMETER_GROUP,
        param("aurora-mysql8.0", [{ name: "require_secure_transport", value: "ON" }]),
      ),
    ).toEqual([]);
    expect(violationsOf(forceTls, PARAMETER_GROUP, param("oracle-ee-19", []))).toEqual([]);
  });
  it("flags TLS explicitly off", () => {
    expect(
      violationsOf(
        forceTls,
        PARAMETER_GROUP,
        param("postgres16", [{ name: "rds.force_ssl", value: "0" }]),
      ),
    ).toEqual([
      'rds.force_ssl is "0" in family postgres16: unencrypted connections are accepted. Set it to 1.',
    ]);
  });
  it("flags families whose default accepts plaintext", () => {
    expect(
      violationsOf(
        forceTls,
        PARAMETER_GROUP,
        param("postgres14", [{ name: "log_connections", value: "1" }]),
      ),
    ).toEqual([
      "rds.force_ssl is not set for family postgres14, whose default accepts unencrypted connections. Add rds.force_ssl = 1.",
    ]);
    expect(
      violationsOf(forceTls, CLUSTER_PARAMETER_GROUP, param("aurora-postgresql16", [])),
    ).toHaveLength(1);
    expect(violationsOf(forceTls, PARAMETER_GROUP, param("mysql8.0", []))).toEqual([
      "require_secure_transport is not set for family mysql8.0, whose default accepts unencrypted connections. Add require_secure_transport = ON.",
    ]);
  });
});
