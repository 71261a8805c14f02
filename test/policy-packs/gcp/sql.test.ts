import { describe, expect, it } from "vitest";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";
import { GCP } from "../../../policy-packs/lib/gcp/types";
import { runResourcePolicy } from "../../helpers/policy";
import { itRefusesTheInternetInPieces } from "../../helpers/internet-splits";
import { SQL_INSTANCE, mutate } from "../../helpers/gcp-fixtures";
import publicIp from "../../../policy-packs/policies/gcp/gcp-sql-databaseinstance-disallow-public-ip";
import ssl from "../../../policy-packs/policies/gcp/gcp-sql-databaseinstance-require-ssl";
import cmek from "../../../policy-packs/policies/gcp/gcp-sql-databaseinstance-encrypt-with-cmek";
import backups from "../../../policy-packs/policies/gcp/gcp-sql-databaseinstance-enable-backups";
import deletion from "../../../policy-packs/policies/gcp/gcp-sql-databaseinstance-enable-deletion-protection";
import iamAuth from "../../../policy-packs/policies/gcp/gcp-sql-databaseinstance-enable-iam-authentication";

const run = (
  policy: EnclaveResourcePolicy,
  props: Record<string, unknown>,
  config?: Record<string, unknown>,
) => {
  const outcome = runResourcePolicy(policy, { type: GCP.sqlInstance, props, config });
  expect(outcome.notApplicable).toBeUndefined();
  return outcome.violations;
};
const changed = (policy: EnclaveResourcePolicy, path: string, value: unknown) =>
  run(policy, mutate(SQL_INSTANCE, path, value));
const MYSQL = mutate(
  mutate(SQL_INSTANCE, "databaseVersion", "MYSQL_8_0"),
  "settings.backupConfiguration",
  { enabled: true, binaryLogEnabled: true },
);

describe("Cloud SQL policies", () => {
  it.each([publicIp, ssl, cmek, backups, deletion, iamAuth].map((p) => [p.name, p] as const))(
    "%s passes the compliant instance",
    (_n, policy) => {
      expect(run(policy, SQL_INSTANCE)).toEqual([]);
    },
  );
});

describe("gcp-sql-databaseinstance-disallow-public-ip", () => {
  itRefusesTheInternetInPieces((ranges) =>
    changed(
      publicIp,
      "settings.ipConfiguration.authorizedNetworks",
      ranges.map((value, i) => ({ name: `n${i}`, value })),
    ),
  );

  it("fails a public IP, set or by default", () => {
    expect(changed(publicIp, "settings.ipConfiguration.ipv4Enabled", true)).toEqual([
      "settings.ipConfiguration.ipv4Enabled is true, so the instance gets a public IP address. Set it to false and use privateNetwork.",
    ]);
    expect(changed(publicIp, "settings.ipConfiguration", undefined)).toEqual([
      "settings.ipConfiguration.ipv4Enabled is not set (the default is true), so the instance gets a public IP address. Set it to false and use privateNetwork.",
    ]);
  });

  it("fails authorized networks that admit the whole internet", () => {
    const props = mutate(SQL_INSTANCE, "settings.ipConfiguration.authorizedNetworks", [
      { name: "office", value: "198.51.100.0/24" },
      { name: "anyone", value: "0.0.0.0/0" },
    ]);
    expect(run(publicIp, props)).toEqual([
      "settings.ipConfiguration.authorizedNetworks: 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network). Remove the entry.",
    ]);
  });
});

describe("gcp-sql-databaseinstance-require-ssl", () => {
  it("passes client-certificate enforcement and fails modes that allow plain text", () => {
    expect(
      changed(ssl, "settings.ipConfiguration.sslMode", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"),
    ).toEqual([]);
    expect(
      changed(ssl, "settings.ipConfiguration.sslMode", "ALLOW_UNENCRYPTED_AND_ENCRYPTED"),
    ).toEqual([
      'settings.ipConfiguration.sslMode is "ALLOW_UNENCRYPTED_AND_ENCRYPTED", so the instance accepts unencrypted connections. Set it to "ENCRYPTED_ONLY".',
    ]);
    expect(changed(ssl, "settings.ipConfiguration.sslMode", undefined)).toEqual([
      'settings.ipConfiguration.sslMode is not set, so the instance accepts unencrypted connections. Set it to "ENCRYPTED_ONLY".',
    ]);
  });
});

describe("gcp-sql-databaseinstance-encrypt-with-cmek", () => {
  it("fails without a customer-managed key", () => {
    expect(changed(cmek, "encryptionKeyName", undefined)).toEqual([
      "encryptionKeyName is not set, so the instance's data is encrypted with a Google-managed key. Set it to a Cloud KMS crypto key id.",
    ]);
  });
});

describe("gcp-sql-databaseinstance-enable-backups", () => {
  it("fails without automated backups", () => {
    expect(changed(backups, "settings.backupConfiguration.enabled", false)).toEqual([
      "settings.backupConfiguration.enabled is false, so no automated backups are taken. Set it to true.",
    ]);
  });

  it("fails PostgreSQL without point-in-time recovery", () => {
    expect(
      changed(backups, "settings.backupConfiguration.pointInTimeRecoveryEnabled", undefined),
    ).toEqual([
      "settings.backupConfiguration.pointInTimeRecoveryEnabled is not set, so the instance cannot be restored to a point in time. Set it to true.",
    ]);
  });

  it("requires binary logs, not pointInTimeRecoveryEnabled, on MySQL", () => {
    expect(run(backups, MYSQL)).toEqual([]);
    expect(
      run(backups, mutate(MYSQL, "settings.backupConfiguration.binaryLogEnabled", false)),
    ).toEqual([
      "settings.backupConfiguration.binaryLogEnabled is false, so the MySQL instance cannot be restored to a point in time. Set it to true.",
    ]);
  });

  it("fails a retention below the configured minimum", () => {
    expect(
      changed(backups, "settings.backupConfiguration.backupRetentionSettings.retainedBackups", 3),
    ).toEqual([
      "settings.backupConfiguration.backupRetentionSettings.retainedBackups is 3, fewer than the required 7. Set it to at least 7.",
    ]);
    expect(run(backups, SQL_INSTANCE, { minimumRetainedBackups: 30 })).toEqual([
      "settings.backupConfiguration.backupRetentionSettings.retainedBackups is 14, fewer than the required 30. Set it to at least 30.",
    ]);
  });

  it("exempts read replicas", () => {
    const replica = mutate(
      mutate(SQL_INSTANCE, "masterInstanceName", "enclave-db"),
      "settings.backupConfiguration",
      undefined,
    );
    expect(run(backups, replica)).toEqual([]);
  });
});

describe("gcp-sql-databaseinstance-enable-deletion-protection", () => {
  it("fails when the provider may delete the instance", () => {
    expect(changed(deletion, "deletionProtection", false)).toEqual([
      "deletionProtection is false, so a delete or replacement destroys the instance and its backups. Set it to true.",
    ]);
  });

  it("fails without Cloud SQL's own deletion protection", () => {
    expect(changed(deletion, "settings.deletionProtectionEnabled", undefined)).toEqual([
      "settings.deletionProtectionEnabled is not set, so the instance can be deleted from the console, gcloud or the API. Set it to true.",
    ]);
  });
});

describe("gcp-sql-databaseinstance-enable-iam-authentication", () => {
  it("fails PostgreSQL without the IAM flag, or with it off", () => {
    expect(changed(iamAuth, "settings.databaseFlags", [])).toEqual([
      'settings.databaseFlags does not set cloudsql.iam_authentication to "on", so users can sign in only with database passwords. Add the flag.',
    ]);
    expect(
      changed(iamAuth, "settings.databaseFlags", [
        { name: "cloudsql.iam_authentication", value: "off" },
      ]),
    ).toEqual([
      'settings.databaseFlags does not set cloudsql.iam_authentication to "on", so users can sign in only with database passwords. Add the flag.',
    ]);
  });

  it("uses the MySQL flag name on MySQL and exempts SQL Server", () => {
    expect(run(iamAuth, MYSQL)).toEqual([
      'settings.databaseFlags does not set cloudsql_iam_authentication to "on", so users can sign in only with database passwords. Add the flag.',
    ]);
    expect(
      run(
        iamAuth,
        mutate(MYSQL, "settings.databaseFlags", [
          { name: "cloudsql_iam_authentication", value: "on" },
        ]),
      ),
    ).toEqual([]);
    expect(
      run(iamAuth, mutate(SQL_INSTANCE, "databaseVersion", "SQLSERVER_2022_STANDARD")),
    ).toEqual([]);
  });
});
