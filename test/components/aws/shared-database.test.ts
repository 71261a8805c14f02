import { beforeAll, describe, expect, it } from "vitest";
import type { SharedInstance } from "../../../components/aws/tenant/args";
import { resolveAwsSettings } from "../../../stacks/config/aws-settings";
import {
  ACCOUNT,
  REGION,
  doc,
  ofType,
  resolve,
  runProgram,
  setAwsMocks,
} from "../../helpers/aws-target-mocks";
import { PLATFORM_CLUSTER } from "../../helpers/aws-platform-cluster";

/** enclave:aws.sharedDatabase on the platform; enclave:aws.database.instance: platform on a tenant. */
type Platform = typeof import("../../../components/aws/platform");
type Tenant = typeof import("../../../components/aws/tenant");
let platformModule: Platform;
let tenantModule: Tenant;

const CLUSTER = PLATFORM_CLUSTER;
const SHARED: SharedInstance = {
  host: "enclave-platform-dev-db.abc.eu-west-1.rds.amazonaws.com",
  port: 5432,
  caBundlePem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
  masterSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-1111-AbCdEf`,
  bootstrap: { namespace: "database-admin", serviceAccountName: "database-admin" },
};
const COMMON = {
  environment: "dev" as const,
  stack: "t",
  allowlist: { admin: ["198.51.100.0/24"], users: ["192.0.2.0/24"] },
  region: REGION,
  settings: resolveAwsSettings("dev", {}),
};
const BOOTSTRAP = SHARED.bootstrap;

beforeAll(async () => {
  await setAwsMocks();
  platformModule = await import("../../../components/aws/platform");
  tenantModule = await import("../../../components/aws/tenant");
});

describe("AwsPlatform with a shared database (enclave:aws.sharedDatabase)", () => {
  it("creates no instance unless asked", async () => {
    const { resources, result } = await runProgram(
      () => new platformModule.AwsPlatform("p", { ...COMMON, name: "platform" }),
    );
    expect(ofType(resources, "aws:rds/instance:Instance")).toEqual([]);
    expect(ofType(resources, "aws:backup/vault:Vault")).toEqual([]);
    expect(result.sharedDatabase).toBeUndefined();
  });

  it("creates one hardened instance with its own key and backup, in the database subnets, admitting the cluster", async () => {
    const { resources, result } = await runProgram(
      () =>
        new platformModule.AwsPlatform("p", {
          ...COMMON,
          name: "platform",
          sharedDatabase: { bootstrap: BOOTSTRAP },
        }),
    );
    const [instance, ...more] = ofType(resources, "aws:rds/instance:Instance");
    expect(more).toEqual([]);
    expect(instance!.inputs).toMatchObject({
      identifier: "enclave-platform-dev-db",
      storageEncrypted: true,
      deletionProtection: true,
      manageMasterUserPassword: true,
    });
    const keys = ofType(resources, "aws:kms/alias:Alias").map((a) => a.inputs["name"]);
    expect(keys).toContain("alias/enclave/platform/dev/database");
    expect(Object.keys(result.kmsKeyArns).sort()).toEqual([
      "cluster",
      "database",
      "logs",
      "volumes",
    ]);
    expect(instance!.inputs["kmsKeyId"]).toBe(await resolve(result.kmsKeyArns["database"]!));
    expect(ofType(resources, "aws:backup/vault:Vault")).toHaveLength(1);
    const [subnetGroup] = ofType(resources, "aws:rds/subnetGroup:SubnetGroup");
    expect(subnetGroup!.inputs["subnetIds"]).toEqual(await resolve(result.databaseSubnetIds));
    const [sg] = ofType(resources, "aws:ec2/securityGroup:SecurityGroup").filter((g) =>
      String(g.name).endsWith("-database-sg"),
    );
    expect(sg!.inputs["ingress"][0].securityGroups).toEqual([
      await resolve(result.clusterSecurityGroupId),
    ]);
    // The logs key admits the instance's log groups.
    const logsKey = ofType(resources, "aws:kms/key:Key").find((k) => k.name === "p-logs-key");
    expect(JSON.stringify(logsKey!.inputs["policy"])).toContain(
      "/aws/rds/instance/enclave-platform-dev-db/postgresql",
    );
    const shared = result.sharedDatabase!;
    expect(shared.bootstrap).toEqual(BOOTSTRAP);
    expect(await resolve(shared.host)).toBe(await resolve(instance!.state["address"]));
  });

  it("lets only the admin namespace's service account read the master secret", async () => {
    const { resources } = await runProgram(
      () =>
        new platformModule.AwsPlatform("p", {
          ...COMMON,
          name: "platform",
          sharedDatabase: { bootstrap: BOOTSTRAP },
        }),
    );
    const readers = ofType(resources, "aws:iam/rolePolicy:RolePolicy").filter((p) =>
      JSON.stringify(p.inputs["policy"]).includes("secretsmanager:GetSecretValue"),
    );
    expect(readers).toHaveLength(1);
    const role = ofType(resources, "aws:iam/role:Role").find(
      (r) => r.name === "p-database-admin-role",
    );
    const trust = JSON.stringify(doc(role!.inputs["assumeRolePolicy"]));
    expect(trust).toContain("system:serviceaccount:database-admin:database-admin");
    expect(trust).not.toContain("enclave-");
  });
});

describe("AwsTenant on the platform's shared instance", () => {
  const tenant = (sharedDatabase?: SharedInstance) =>
    new tenantModule.AwsTenant("t", {
      ...COMMON,
      tenant: "hooli",
      isolation: "dedicated",
      domain: "annotate.hooli.example.com",
      platform: CLUSTER,
      ...(sharedDatabase ? { sharedDatabase } : {}),
    });

  it("creates no RDS instance, no database key and no backup", async () => {
    const { resources, result } = await runProgram(() => tenant(SHARED));
    for (const type of [
      "aws:rds/instance:Instance",
      "aws:rds/parameterGroup:ParameterGroup",
      "aws:rds/subnetGroup:SubnetGroup",
      "aws:backup/vault:Vault",
      "aws:backup/plan:Plan",
      "aws:backup/selection:Selection",
    ]) {
      expect(ofType(resources, type), type).toEqual([]);
    }
    expect(
      ofType(resources, "aws:kms/key:Key")
        .map((k) => k.name)
        .sort(),
    ).toEqual(["t-logs-key", "t-storage-key"]);
    expect(Object.keys(result.kmsKeyArns).sort()).toEqual(["logs", "storage"]);
    expect(result.databaseMasterSecretArn).toBeUndefined();
    // The tenant's logs key names no database log group: the instance's logs are the platform's.
    const logsKey = ofType(resources, "aws:kms/key:Key").find((k) => k.name === "t-logs-key");
    expect(JSON.stringify(logsKey!.inputs["policy"])).not.toContain("/aws/rds/");
  });

  it("hands the app layer the shared instance, its bootstrap in the platform's namespace", async () => {
    const { result } = await runProgram(() => tenant(SHARED));
    expect(result.database).toMatchObject({
      host: SHARED.host,
      port: 5432,
      sslMode: "verify-full",
      caBundlePem: SHARED.caBundlePem,
      cidrs: CLUSTER.databaseSubnetCidrs,
      adminCredentials: { kind: "aws-secrets-manager", secretArn: SHARED.masterSecretArn },
      bootstrap: BOOTSTRAP,
    });
    expect(await resolve(result.databaseAddress)).toBe(SHARED.host);
  });

  it("refuses to give any service account of the tenant the shared instance's administrator", async () => {
    const { resources } = await runProgram(() => {
      const t = tenant(SHARED);
      expect(() =>
        t.bindServiceAccount({
          name: "database-bootstrap",
          namespace: "enclave-hooli",
          serviceAccountName: "database-bootstrap",
          access: "database-bootstrap",
        }),
      ).toThrow(
        'bindServiceAccount "database-bootstrap" asks for the database administrator, but the tenant is on the shared instance of aws-platform, whose master secret only the platform\'s namespace database-admin may read',
      );
      return t;
    });
    expect(ofType(resources, "aws:iam/rolePolicy:RolePolicy").map((p) => p.name)).not.toContain(
      "t-database-bootstrap-policy",
    );
  });

  it("keeps an instance, key and backup of its own without it (today's shape)", async () => {
    const { resources, result } = await runProgram(() => tenant());
    expect(ofType(resources, "aws:rds/instance:Instance")).toHaveLength(1);
    expect(ofType(resources, "aws:backup/vault:Vault")).toHaveLength(1);
    expect(Object.keys(result.kmsKeyArns).sort()).toEqual(["database", "logs", "storage"]);
    expect(result.database.bootstrap).toBeUndefined();
  });
});
