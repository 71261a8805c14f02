import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { reviewResources } from "../../helpers/aws-target-review";
import {
  PROJECT,
  REGION,
  named,
  ofType,
  resolve,
  runProgram,
  setGcpMocks,
  type Loose,
} from "../../helpers/gcp-target-mocks";

type Database = typeof import("../../../components/gcp/database");
let db: Database;

const KEY = `projects/${PROJECT}/locations/${REGION}/keyRings/enclave-acme-prod/cryptoKeys/database`;
const NETWORK = `projects/${PROJECT}/global/networks/enclave-acme-prod-vpc`;
const labels = {
  "enclave-tenant": "acme",
  "enclave-environment": "prod",
  "enclave-stack": "gcp-prod",
  "enclave-classification": "confidential",
  "enclave-owner": "acme",
  "managed-by": "pulumi",
};
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

beforeAll(async () => {
  await setGcpMocks();
  db = await import("../../../components/gcp/database");
});

type Args = import("../../../components/gcp/database").PrivateDatabaseArgs;
const ARGS: Args = {
  project: PROJECT,
  region: REGION,
  instanceName: "enclave-acme-prod-pg",
  postgresMajor: 17,
  networkId: NETWORK,
  serviceRangeCidr: "10.72.0.0/20",
  vpcRanges: ["10.60.0.0/20", "10.64.0.0/14", "10.68.0.0/20", "172.16.0.16/28"],
  databaseKeyId: KEY,
  keyReady: [],
  sslMode: "ENCRYPTED_ONLY",
  sizing: {
    tier: "db-custom-4-15360",
    diskSizeGb: 100,
    availabilityType: "REGIONAL",
    retainedBackups: 30,
  },
  labels,
};
const INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";
const build = (over: Partial<Args> = {}) =>
  runProgram(() => {
    // Stands for the TenantKeyRing whose binding grants the agents the key.
    const keys = new pulumi.ComponentResource("enclave:gcp:TenantKeyRing", "acme-keys");
    return new db.PrivateDatabase("acme-db", { ...ARGS, keyReady: [keys], ...over });
  });

/** Whether a value is a secret envelope as the engine receives it. */
const isSecret = (v: Loose) => v !== null && typeof v === "object" && SECRET_SIG in v;

describe("PrivateDatabase", () => {
  it("has a private IP only, from the Private Service Access range of the stack's VPC", async () => {
    const { resources } = await build();
    const range = named(resources, "gcp:compute/globalAddress:GlobalAddress", "acme-db-psa-range");
    expect(range.inputs).toMatchObject({
      project: PROJECT,
      name: "enclave-acme-prod-pg-psa",
      purpose: "VPC_PEERING",
      addressType: "INTERNAL",
      address: "10.72.0.0",
      prefixLength: 20,
      network: NETWORK,
    });
    const peering = named(resources, "gcp:servicenetworking/connection:Connection", "acme-db-psa");
    expect(peering.inputs).toEqual({
      network: NETWORK,
      service: "servicenetworking.googleapis.com",
      reservedPeeringRanges: ["enclave-acme-prod-pg-psa"],
      deletionPolicy: "ABANDON",
    });
    const instance = named(resources, INSTANCE, "acme-db-instance");
    expect(instance.inputs.settings.ipConfiguration).toEqual({
      ipv4Enabled: false,
      privateNetwork: NETWORK,
      allocatedIpRange: "enclave-acme-prod-pg-psa",
      sslMode: "ENCRYPTED_ONLY",
      serverCaMode: "GOOGLE_MANAGED_CAS_CA",
      enablePrivatePathForGoogleCloudServices: false,
    });
    expect(instance.dependsOn).toEqual(["acme-db-psa", "acme-keys"]);
  });

  it("encrypts with the database key, refuses deletion at both levels, and is protected", async () => {
    const { resources } = await build();
    const instance = named(resources, INSTANCE, "acme-db-instance");
    expect(instance.inputs).toMatchObject({
      project: PROJECT,
      region: REGION,
      name: "enclave-acme-prod-pg",
      databaseVersion: "POSTGRES_17",
      encryptionKeyName: KEY,
      deletionProtection: true,
    });
    expect(instance.inputs.rootPassword).toBeUndefined();
    expect(instance.inputs.settings).toMatchObject({
      deletionProtectionEnabled: true,
      retainBackupsOnDelete: true,
      edition: "ENTERPRISE",
      tier: "db-custom-4-15360",
      availabilityType: "REGIONAL",
      diskType: "PD_SSD",
      diskSize: 100,
      diskAutoresize: true,
      diskAutoresizeLimit: 1000,
      userLabels: { ...labels, "enclave-purpose": "database" },
    });
    expect(instance.protect).toBe(true);
  });

  it("backs up daily in the region with point-in-time recovery, for the sizing's count", async () => {
    const { resources } = await build();
    const instance = named(resources, INSTANCE, "acme-db-instance");
    expect(instance.inputs.settings.backupConfiguration).toEqual({
      enabled: true,
      pointInTimeRecoveryEnabled: true,
      startTime: "02:00",
      location: REGION,
      transactionLogRetentionDays: 7,
      backupRetentionSettings: { retainedBackups: 30, retentionUnit: "COUNT" },
    });
    expect(instance.inputs.settings.maintenanceWindow).toEqual({
      day: 7,
      hour: 3,
      updateTrack: "stable",
    });
    expect(instance.inputs.settings.insightsConfig).toEqual({
      queryInsightsEnabled: true,
      queryStringLength: 1024,
      recordApplicationTags: false,
      recordClientAddress: true,
    });
  });

  it("turns on IAM authentication, pgAudit and connection logging, never statement values", async () => {
    const { resources } = await build();
    const flags = named(resources, INSTANCE, "acme-db-instance").inputs.settings.databaseFlags;
    expect(flags).toEqual([
      { name: "cloudsql.iam_authentication", value: "on" },
      { name: "cloudsql.enable_pgaudit", value: "on" },
      { name: "pgaudit.log", value: "read,write,role,ddl" },
      { name: "pgaudit.log_parameter", value: "off" },
      { name: "pgaudit.log_catalog", value: "off" },
      { name: "pgaudit.log_relation", value: "on" },
      { name: "log_connections", value: "on" },
      { name: "log_disconnections", value: "on" },
      { name: "log_statement", value: "ddl" },
      { name: "log_lock_waits", value: "on" },
      { name: "log_min_duration_statement", value: "-1" },
    ]);
  });

  it("runs in one zone with the dev sizing, and requires client certificates when asked", async () => {
    const { resources } = await build({
      sizing: {
        tier: "db-custom-1-3840",
        diskSizeGb: 20,
        availabilityType: "ZONAL",
        retainedBackups: 7,
      },
      sslMode: "TRUSTED_CLIENT_CERTIFICATE_REQUIRED",
      postgresMajor: 16,
    });
    const instance = named(resources, INSTANCE, "acme-db-instance");
    expect(instance.inputs.databaseVersion).toBe("POSTGRES_16");
    expect(instance.inputs.settings).toMatchObject({
      tier: "db-custom-1-3840",
      availabilityType: "ZONAL",
      diskSize: 20,
      diskAutoresizeLimit: 200,
      backupConfiguration: { backupRetentionSettings: { retainedBackups: 7 } },
      ipConfiguration: { sslMode: "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" },
    });
  });

  it("keeps the administrator's generated password secret, in a CMEK Secret Manager secret", async () => {
    const { resources } = await build();
    const password = named(
      resources,
      "random:index/randomPassword:RandomPassword",
      "acme-db-admin-password",
    );
    expect(password.inputs).toEqual({ length: 48, special: false });
    const admin = named(resources, "gcp:sql/user:User", "acme-db-admin");
    expect(admin.inputs).toMatchObject({
      instance: "enclave-acme-prod-pg",
      name: "enclave_admin",
      type: "BUILT_IN",
      deletionPolicy: "ABANDON",
    });
    expect(isSecret(admin.inputs.password)).toBe(true);
    const clear: string = admin.inputs.password.value;
    expect(clear).toMatch(/^[A-Za-z0-9]{48}$/);

    const secret = named(resources, "gcp:secretmanager/secret:Secret", "acme-db-admin-secret");
    expect([secret.protect, secret.dependsOn]).toEqual([true, ["acme-keys"]]);
    expect(secret.inputs).toMatchObject({
      project: PROJECT,
      secretId: "enclave-acme-prod-pg-admin",
      replication: {
        userManaged: {
          replicas: [{ location: REGION, customerManagedEncryption: { kmsKeyName: KEY } }],
        },
      },
      deletionProtection: true,
      labels: { ...labels, "enclave-purpose": "database-admin" },
    });
    const version = named(
      resources,
      "gcp:secretmanager/secretVersion:SecretVersion",
      "acme-db-admin-secret-version",
    );
    expect(version.inputs.secret).toBe(`projects/${PROJECT}/secrets/enclave-acme-prod-pg-admin`);
    expect(isSecret(version.inputs.secretData)).toBe(true);
    expect(JSON.parse(version.inputs.secretData.value)).toEqual({
      username: "enclave_admin",
      password: clear,
    });

    // The password appears nowhere outside a secret envelope.
    const plain = (v: Loose): string =>
      isSecret(v)
        ? ""
        : Array.isArray(v)
          ? v.map(plain).join(" ")
          : v && typeof v === "object"
            ? Object.values(v).map(plain).join(" ")
            : String(v);
    for (const r of resources.filter(
      (r) => r.type !== "random:index/randomPassword:RandomPassword",
    )) {
      expect(plain(r.inputs), r.name).not.toContain(clear);
    }
  });

  it("fills the Platform's database fields as the AWS target does", async () => {
    const { result, resources } = await build();
    const state = named(resources, INSTANCE, "acme-db-instance").state;
    const p = result.platform;
    expect(p.engine).toBe("postgres");
    expect(p.sslMode).toBe("verify-full");
    expect(p.cidrs).toEqual(["10.72.0.0/20"]);
    expect(await resolve(p.host)).toBe(state.privateIpAddress);
    expect(await resolve(p.port)).toBe(5432);
    expect(await resolve(p.caBundlePem)).toBe(`${state.serverCaCerts[0].cert}\n`);
    expect(p.adminCredentials.kind).toBe("gcp-secret-manager");
    expect(
      await resolve(
        p.adminCredentials.kind === "gcp-secret-manager" ? p.adminCredentials.secretId : "",
      ),
    ).toBe(`projects/${PROJECT}/secrets/enclave-acme-prod-pg-admin`);
    expect(await resolve(result.connectionName)).toBe(`${PROJECT}:${REGION}:enclave-acme-prod-pg`);
  });

  it("lets only the principal named read the administrator's secret, once per key", async () => {
    const member = `serviceAccount:db-bootstrap@${PROJECT}.iam.gserviceaccount.com`;
    const { resources } = await runProgram(() => {
      const d = new db.PrivateDatabase("acme-db", ARGS);
      d.grantAdminSecretRead("bootstrap", member);
      expect(() => d.grantAdminSecretRead("bootstrap", member)).toThrow(
        'PrivateDatabase acme-db: grantAdminSecretRead was called twice with key "bootstrap". Fix: give each reader its own key',
      );
      return d;
    });
    const grants = ofType(resources, "gcp:secretmanager/secretIamMember:SecretIamMember");
    expect(grants.map((g) => [g.name, g.inputs])).toEqual([
      [
        "acme-db-admin-secret-bootstrap",
        {
          secretId: `projects/${PROJECT}/secrets/enclave-acme-prod-pg-admin`,
          role: "roles/secretmanager.secretAccessor",
          member,
        },
      ],
    ]);
    // No IAM grant anywhere else.
    expect(resources.filter((r) => /IAM|Iam/.test(r.type)).map((r) => r.name)).toEqual([
      "acme-db-admin-secret-bootstrap",
    ]);
  });

  it("passes every policy (the stack says role passwords are sent as SCRAM verifiers)", async () => {
    const { resources } = await build();
    expect(
      reviewResources(resources, {
        "gcp-sql-databaseinstance-review-statement-logging": { passwordsSentAs: "scram-verifier" },
      }),
    ).toEqual([]);
  });

  it("is flagged for review of its DDL log unless the stack vouches for SCRAM verifiers", async () => {
    const { resources } = await build();
    expect(reviewResources(resources).map((f) => [f.policy, f.resource])).toEqual([
      ["gcp-sql-databaseinstance-review-statement-logging", "acme-db-instance"],
    ]);
  });

  it("refuses bad arguments, each on its path", () => {
    expect(
      db.validateDatabaseArgs({
        ...ARGS,
        instanceName: "Enclave_pg-",
        postgresMajor: 13,
        sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" as never,
        serviceRangeCidr: "10.64.0.0/20",
        sizing: {
          tier: "n1-standard-1",
          diskSizeGb: 5,
          availabilityType: "ZONAL",
          retainedBackups: 3,
        },
      }),
    ).toEqual([
      {
        path: "instanceName",
        value: "Enclave_pg-",
        problem: "is not a Cloud SQL instance name",
        fix: "use 1-98 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen",
      },
      {
        path: "postgresMajor",
        value: 13,
        problem: "is not a PostgreSQL major the kit supports on Cloud SQL",
        fix: "use one of 15, 16, 17",
      },
      {
        path: "sslMode",
        value: "ALLOW_UNENCRYPTED_AND_ENCRYPTED",
        problem: "would accept unencrypted connections or is not a Cloud SQL SSL mode",
        fix: "use one of ENCRYPTED_ONLY, TRUSTED_CLIENT_CERTIFICATE_REQUIRED",
      },
      {
        path: "serviceRangeCidr",
        value: "10.64.0.0/20",
        problem: "overlaps the VPC's range 10.64.0.0/14",
        fix: "choose a range that shares no address with the subnet, pods, services or control plane ranges",
      },
      {
        path: "sizing.tier",
        value: "n1-standard-1",
        problem: "is not a Cloud SQL tier",
        fix: 'use a tier such as "db-custom-2-7680"',
      },
      {
        path: "sizing.diskSizeGb",
        value: 5,
        problem: "is below Cloud SQL's 10 GB minimum or not a whole number",
        fix: "use a whole number of GB, at least 10",
      },
      {
        path: "sizing.retainedBackups",
        value: 3,
        problem: "is outside 7-365",
        fix: "keep at least 7 daily backups",
      },
    ]);
    expect(
      db.validateDatabaseArgs({ ...ARGS, serviceRangeCidr: "8.8.0.0/20" }).map((p) => p.problem),
    ).toEqual([
      "is not a private IPv4 range, so the database would take addresses of the internet",
    ]);
    expect(
      db.validateDatabaseArgs({ ...ARGS, serviceRangeCidr: "10.72.0.0/26" }).map((p) => p.problem),
    ).toEqual(["is a /26, but Private Service Access for Cloud SQL needs /16 to /24"]);
  });
});
