import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, REGION, named, runProgram, setAwsMocks } from "../../helpers/aws-target-mocks";

type Db = typeof import("../../../components/aws/database");
let db: Db;

const tags = {
  "enclave:tenant": "acme",
  "enclave:environment": "prod",
  "enclave:stack": "t",
  "managed-by": "pulumi",
};
const DB_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/55555555-5555-5555-5555-555555555555`;
const LOGS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/66666666-6666-6666-6666-666666666666`;
type Args = import("../../../components/aws/database").DatabaseArgs;

const args = (over: Partial<Args> = {}): Args => ({
  identifier: "enclave-acme-prod-db",
  engineVersion: "17",
  instanceClass: "db.m6g.large",
  allocatedStorageGiB: 100,
  maxAllocatedStorageGiB: 1000,
  multiAz: true,
  backupRetentionDays: 30,
  caCertIdentifier: "rds-ca-rsa2048-g1",
  vpcId: "vpc-0123",
  subnetIds: ["subnet-d1", "subnet-d2", "subnet-d3"],
  clientSecurityGroupIds: ["sg-nodes"],
  kmsKeyArn: DB_KEY,
  logs: { kmsKeyArn: LOGS_KEY, retentionInDays: 365 },
  caBundlePem: db.rdsRegionalCaBundle("eu-west-1")!,
  monitoringIntervalSeconds: 30,
  partition: "aws",
  accountId: ACCOUNT,
  tags,
  ...over,
});

beforeAll(async () => {
  await setAwsMocks();
  db = await import("../../../components/aws/database");
});

describe("Database", () => {
  it("is private, encrypted with the database key, TLS-only, IAM-authenticated and keeps no password in state", async () => {
    const { resources } = await runProgram(() => new db.Database("db", args()));
    const instance = named(resources, "aws:rds/instance:Instance", "db-instance");
    expect(instance.inputs).toMatchObject({
      identifier: "enclave-acme-prod-db",
      engine: "postgres",
      engineVersion: "17",
      publiclyAccessible: false,
      storageEncrypted: true,
      kmsKeyId: DB_KEY,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: DB_KEY,
      iamDatabaseAuthenticationEnabled: true,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: DB_KEY,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      caCertIdentifier: "rds-ca-rsa2048-g1",
      port: 5432,
    });
    expect(instance.inputs.password).toBeUndefined();
    expect(instance.protect).toBe(true);
    expect(instance.inputs.vpcSecurityGroupIds).toEqual([expect.stringMatching(/^sg-/)]);
  });

  it("keeps 30 days of backups in prod, a final snapshot, deletion protection and a standby", async () => {
    const { resources } = await runProgram(() => new db.Database("db", args()));
    expect(named(resources, "aws:rds/instance:Instance", "db-instance").inputs).toMatchObject({
      backupRetentionPeriod: 30,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "enclave-acme-prod-db-final",
      deleteAutomatedBackups: false,
      copyTagsToSnapshot: true,
      multiAz: true,
    });
  });

  it("admits PostgreSQL from the nodes' security group only, and has no egress", async () => {
    const { resources } = await runProgram(() => new db.Database("db", args()));
    const sg = named(resources, "aws:ec2/securityGroup:SecurityGroup", "db-sg");
    expect(sg.inputs.ingress).toEqual([
      {
        description: "PostgreSQL from the EKS nodes",
        protocol: "tcp",
        fromPort: 5432,
        toPort: 5432,
        securityGroups: ["sg-nodes"],
      },
    ]);
    expect(sg.inputs.egress).toEqual([]);
    expect(
      named(resources, "aws:rds/subnetGroup:SubnetGroup", "db-subnets").inputs.subnetIds,
    ).toEqual(["subnet-d1", "subnet-d2", "subnet-d3"]);
  });

  it("forces TLS and logs connections and schema changes", async () => {
    const { resources } = await runProgram(
      () => new db.Database("db", args({ engineVersion: "16.4" })),
    );
    const params = named(resources, "aws:rds/parameterGroup:ParameterGroup", "db-params");
    expect(params.inputs.family).toBe("postgres16");
    expect(params.inputs.parameters).toEqual([
      { name: "rds.force_ssl", value: "1" },
      { name: "ssl_min_protocol_version", value: "TLSv1.2" },
      { name: "password_encryption", value: "scram-sha-256" },
      { name: "log_connections", value: "1" },
      { name: "log_disconnections", value: "1" },
      { name: "log_statement", value: "ddl" },
      { name: "log_lock_waits", value: "1" },
      { name: "shared_preload_libraries", value: "pgaudit", applyMethod: "pending-reboot" },
      { name: "pgaudit.log", value: "read,write,role,ddl" },
      { name: "pgaudit.log_parameter", value: "0" },
      { name: "pgaudit.log_catalog", value: "0" },
      { name: "pgaudit.log_relation", value: "1" },
    ]);
  });

  it("exports logs into log groups it creates first, encrypted and retained", async () => {
    const { resources } = await runProgram(() => new db.Database("db", args()));
    for (const type of ["postgresql", "upgrade"]) {
      const group = named(resources, "aws:cloudwatch/logGroup:LogGroup", `db-${type}-logs`);
      expect(group.inputs).toMatchObject({
        name: `/aws/rds/instance/enclave-acme-prod-db/${type}`,
        kmsKeyId: LOGS_KEY,
        retentionInDays: 365,
      });
      expect(group.protect).toBe(true);
    }
    expect(named(resources, "aws:rds/instance:Instance", "db-instance").dependsOn).toEqual([
      "db-postgresql-logs",
      "db-upgrade-logs",
      "db-monitoring-policy",
    ]);
  });

  it("turns Enhanced Monitoring on through a role only RDS monitoring of this account assumes", async () => {
    const { resources } = await runProgram(() => new db.Database("db", args()));
    const role = named(resources, "aws:iam/role:Role", "db-monitoring");
    expect(named(resources, "aws:rds/instance:Instance", "db-instance").inputs).toMatchObject({
      monitoringInterval: 30,
      monitoringRoleArn: role.state.arn,
    });
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement).toEqual([
      {
        Sid: "TrustService",
        Effect: "Allow",
        Principal: { Service: "monitoring.rds.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      },
    ]);
    expect(
      named(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "db-monitoring-policy")
        .inputs,
    ).toEqual({
      role: role.state.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    });
  });

  it("exposes the RDS-managed master secret and the regional CA bundle", async () => {
    const { result } = await runProgram(() => new db.Database("db", args()));
    const arn = await new Promise<string>((r) => result.masterUserSecretArn.apply(r));
    expect(arn).toMatch(new RegExp(`^arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-`));
    expect(result.caBundlePem.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
  });
});

describe("rdsRegionalCaBundle", () => {
  it("holds the region's three RDS root CAs, and nothing for a region the package lacks", () => {
    const { X509Certificate } = require("crypto") as typeof import("crypto");
    const pems = db
      .rdsRegionalCaBundle("eu-west-1")!
      .split(/(?<=-----END CERTIFICATE-----)\n/)
      .filter((p) => p.includes("BEGIN"));
    expect(
      pems
        .map((p) => new X509Certificate(p).subject.split("\n").find((l) => l.startsWith("CN=")))
        .sort(),
    ).toEqual([
      "CN=Amazon RDS eu-west-1 Root CA ECC384 G1",
      "CN=Amazon RDS eu-west-1 Root CA RSA2048 G1",
      "CN=Amazon RDS eu-west-1 Root CA RSA4096 G1",
    ]);
    expect(db.rdsRegionalCaBundle("us-gov-west-1")).toBeUndefined();
  });
});

describe("validateDatabaseArgs", () => {
  it("reports every problem with its fix", () => {
    expect(db.validateDatabaseArgs("d", args())).toEqual([]);
    expect(
      db.validateDatabaseArgs(
        "d",
        args({
          identifier: "1db",
          engineVersion: "latest",
          backupRetentionDays: 3,
          maxAllocatedStorageGiB: 50,
          subnetIds: ["s"],
          clientSecurityGroupIds: [],
          caBundlePem: "",
          monitoringIntervalSeconds: 0,
        }),
      ),
    ).toEqual([
      'Database d: identifier "1db" is not an RDS identifier. Fix: use 1-63 lower-case letters, digits and single hyphens, starting with a letter',
      'Database d: engineVersion "latest" is not a PostgreSQL version. Fix: use e.g. "17" or "17.4"',
      "Database d: backupRetentionDays 3 is outside 7-35. Fix: keep at least 7 days of backups",
      "Database d: maxAllocatedStorageGiB 50 is below allocatedStorageGiB 100. Fix: raise the ceiling",
      "Database d: subnetIds has 1 subnet(s). Fix: give database subnets in at least two zones",
      "Database d: clientSecurityGroupIds is empty, so nothing could connect. Fix: pass the nodes' security group",
      "Database d: monitoringIntervalSeconds 0 is not an Enhanced Monitoring interval. Fix: use one of 1, 5, 10, 15, 30, 60",
      "Database d: caBundlePem holds no PEM certificate. Fix: pass the RDS CA bundle of the region",
    ]);
  });
});
