import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { PlatformDatabase } from "../../shared/platform";
import { withPurpose } from "../shared/labels";
import { throwIfProblems } from "../shared/problems";
import type { PrivateDatabaseArgs } from "./args";
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  BACKUP,
  DATABASE_FLAGS,
  DISK_AUTORESIZE_FACTOR,
  DISK_TYPE,
  EDITION,
  INSIGHTS,
  MAINTENANCE_WINDOW,
  PORT,
  SERVER_CA_MODE,
} from "./defaults";
import { privateServiceAccess } from "./psa";
import { validateDatabaseArgs } from "./validate";

/**
 * The tenant's PostgreSQL on Cloud SQL: a private IP only, from a range reserved for Private
 * Service Access on the stack's VPC (no public IP, no authorized network); TLS required (or client
 * certificates), with a server certificate from Google's shared CA that clients verify with
 * verify-full; storage and backups encrypted with the tenant's `database` key; daily backups kept
 * in the region with point-in-time recovery; deletion refused by Pulumi (`deletionProtection`,
 * `protect`) and by the Cloud SQL API (`deletionProtectionEnabled`), backups kept after a delete;
 * IAM database authentication, pgAudit and connection/DDL logging flags; a standby in a second
 * zone where the sizing says REGIONAL.
 *
 * The administrator the in-cluster bootstrap Job uses (as on AWS, where it creates each app's role
 * with a SCRAM verifier and its database) is a built-in user whose generated password is a Pulumi
 * secret: Cloud SQL has no managed master password like RDS's, so the password is in the stack's
 * state, encrypted by its secrets provider. The Job reads it from Secret Manager (JSON
 * `{"username", "password"}`, the Platform's shape), in a secret encrypted with the database key.
 */
export class PrivateDatabase extends pulumi.ComponentResource {
  /** The instance's private IP address. */
  public readonly host: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;
  public readonly instanceName: pulumi.Output<string>;
  /** `<project>:<region>:<instance>`, for the Cloud SQL Auth Proxy and connectors. */
  public readonly connectionName: pulumi.Output<string>;
  /** PEM bundle of the CAs that sign the server certificate (the instance's serverCaCerts). */
  public readonly caBundlePem: pulumi.Output<string>;
  /** Secret Manager secret (`projects/<p>/secrets/<id>`) holding the administrator's login. */
  public readonly adminSecretId: pulumi.Output<string>;
  /** The Private Service Access range, where the instance's address lives. */
  public readonly serviceRangeCidr: string;
  /** The Platform's database fields, as the AWS target fills them. */
  public readonly platform: PlatformDatabase;
  private readonly adminSecret: gcp.secretmanager.Secret;
  private readonly componentName: string;
  private readonly readers = new Set<string>();

  constructor(name: string, args: PrivateDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:gcp:PrivateDatabase", name, {}, opts);
    throwIfProblems("PrivateDatabase", name, validateDatabaseArgs(args), this);
    this.componentName = name;
    const { project, region } = args;
    const labels = { ...withPurpose(args.labels, "database") };
    // Private Service Access: the platform's (a tenant on a platform), or the stack's own.
    const access =
      args.serviceAccess === undefined
        ? privateServiceAccess(
            name,
            {
              project,
              networkId: args.networkId,
              rangeName: `${args.instanceName}-psa`,
              cidr: args.serviceRangeCidr,
              labels,
            },
            { parent: this },
          )
        : undefined;
    const rangeName = access?.range.name ?? args.serviceAccess!.rangeName;

    const s = args.sizing;
    const instance = new gcp.sql.DatabaseInstance(
      `${name}-instance`,
      {
        project,
        region,
        name: args.instanceName,
        databaseVersion: `POSTGRES_${args.postgresMajor}`,
        encryptionKeyName: args.databaseKeyId,
        deletionProtection: true,
        settings: {
          tier: s.tier,
          edition: EDITION,
          availabilityType: s.availabilityType,
          diskType: DISK_TYPE,
          diskSize: s.diskSizeGb,
          diskAutoresize: true,
          diskAutoresizeLimit: s.diskSizeGb * DISK_AUTORESIZE_FACTOR,
          deletionProtectionEnabled: true,
          retainBackupsOnDelete: true,
          ipConfiguration: {
            ipv4Enabled: false,
            privateNetwork: args.networkId,
            allocatedIpRange: rangeName,
            sslMode: args.sslMode,
            serverCaMode: SERVER_CA_MODE,
            enablePrivatePathForGoogleCloudServices: false,
          },
          backupConfiguration: {
            enabled: true,
            pointInTimeRecoveryEnabled: true,
            startTime: BACKUP.startTime,
            location: region,
            transactionLogRetentionDays: BACKUP.transactionLogRetentionDays,
            backupRetentionSettings: { retainedBackups: s.retainedBackups, retentionUnit: "COUNT" },
          },
          maintenanceWindow: { ...MAINTENANCE_WINDOW },
          insightsConfig: { ...INSIGHTS },
          databaseFlags: DATABASE_FLAGS.map((f) => ({ ...f })),
          userLabels: labels,
        },
      },
      {
        parent: this,
        protect: true,
        dependsOn: [...(access ? [access.peering] : []), ...args.keyReady],
      },
    );

    const password = new random.RandomPassword(
      `${name}-admin-password`,
      { length: ADMIN_PASSWORD.length, special: ADMIN_PASSWORD.special },
      { parent: this },
    );
    const admin = new gcp.sql.User(
      `${name}-admin`,
      {
        project,
        instance: instance.name,
        name: ADMIN_USERNAME,
        type: "BUILT_IN",
        password: pulumi.secret(password.result),
        // PostgreSQL refuses to drop a role that owns objects; Pulumi then forgets the user.
        deletionPolicy: "ABANDON",
      },
      { parent: this },
    );
    this.adminSecret = new gcp.secretmanager.Secret(
      `${name}-admin-secret`,
      {
        project,
        secretId: `${args.instanceName}-admin`,
        replication: {
          userManaged: {
            replicas: [
              { location: region, customerManagedEncryption: { kmsKeyName: args.databaseKeyId } },
            ],
          },
        },
        deletionProtection: true,
        labels: { ...withPurpose(args.labels, "database-admin") },
      },
      { parent: this, protect: true, dependsOn: [...args.keyReady] },
    );
    new gcp.secretmanager.SecretVersion(
      `${name}-admin-secret-version`,
      {
        secret: this.adminSecret.id,
        secretData: pulumi.secret(
          pulumi
            .all([admin.name, password.result])
            .apply(([username, pw]) => JSON.stringify({ username, password: pw })),
        ),
      },
      { parent: this },
    );

    this.host = instance.privateIpAddress;
    this.port = pulumi.output(PORT);
    this.instanceName = instance.name;
    this.connectionName = instance.connectionName;
    this.caBundlePem = instance.serverCaCerts.apply((certs) => {
      const pems = (certs ?? []).map((c) => c.cert?.trim() ?? "").filter((c) => c !== "");
      if (pems.length === 0) {
        throw new Error(
          `PrivateDatabase ${name}: the instance has no serverCaCerts[].cert output; the engine must provide it`,
        );
      }
      return `${pems.join("\n")}\n`;
    });
    this.adminSecretId = this.adminSecret.id;
    this.serviceRangeCidr = args.serviceRangeCidr;
    this.platform = {
      engine: "postgres",
      host: this.host,
      port: this.port,
      sslMode: "verify-full",
      caBundlePem: this.caBundlePem,
      cidrs: [args.serviceRangeCidr],
      adminCredentials: { kind: "gcp-secret-manager", secretId: this.adminSecretId },
    };
    this.registerOutputs({
      host: this.host,
      port: this.port,
      instanceName: this.instanceName,
      connectionName: this.connectionName,
      caBundlePem: this.caBundlePem,
      adminSecretId: this.adminSecretId,
    });
  }

  /**
   * Lets one principal (the bootstrap Job's Google service account, `serviceAccount:<email>`) read
   * the administrator's secret, and nothing else: roles/secretmanager.secretAccessor on that
   * secret only. `key` names the child resource; each key once.
   */
  public grantAdminSecretRead(key: string, member: pulumi.Input<string>): void {
    if (this.readers.has(key)) {
      throw new pulumi.ResourceError(
        `PrivateDatabase ${this.componentName}: grantAdminSecretRead was called twice with key "${key}". Fix: give each reader its own key`,
        this,
      );
    }
    this.readers.add(key);
    new gcp.secretmanager.SecretIamMember(
      `${this.componentName}-admin-secret-${key}`,
      { secretId: this.adminSecret.id, role: "roles/secretmanager.secretAccessor", member },
      { parent: this },
    );
  }
}
