import type { CrossCheck } from "./cross";
import type { ConfigIssue } from "./errors";
import type { AwsConfig } from "./types";

/**
 * The shared database instance of a platform stack (enclave:aws.sharedDatabase) and the tenants
 * that take a database and role on it (enclave:aws.database.instance: platform). What such a
 * tenant shares with the platform's other tenants, and so may not be, is in docs/tenancy.md.
 */

/** The fields of enclave:aws.database that size an instance: the platform's, when shared. */
const INSTANCE_FIELDS = [
  "instanceClass",
  "engineVersion",
  "allocatedStorageGiB",
  "maxAllocatedStorageGiB",
  "multiAz",
  "backupRetentionDays",
  "caCertIdentifier",
  "caBundlePem",
] as const;

const awsOf = (config: Readonly<Record<string, unknown>>) => (config["aws"] ?? {}) as AwsConfig;
const isPlatform = (config: Readonly<Record<string, unknown>>) =>
  config["stackRole"] === "platform";

/** A platform stack's instance for its tenants; nothing of a tenant's. */
const sharedDatabaseOnPlatform: CrossCheck = (config) => {
  const aws = awsOf(config);
  const issues: ConfigIssue[] = [];
  if (aws.sharedDatabase !== undefined && !isPlatform(config)) {
    issues.push({
      key: "enclave:aws.sharedDatabase",
      value: aws.sharedDatabase,
      problem: "is set on a stack that is not a platform (enclave:stackRole: platform)",
      fix: "remove it; a tenant takes the platform's shared instance with enclave:aws.database.instance: platform",
    });
  }
  if (isPlatform(config) && aws.database?.instance !== undefined) {
    issues.push({
      key: "enclave:aws.database.instance",
      value: aws.database.instance,
      problem: "is set on a platform stack, which runs no tenant's database",
      fix: "remove it; with enclave:aws.sharedDatabase: true the other enclave:aws.database fields size the platform's shared instance",
    });
  }
  return issues;
};

/** A tenant on the platform's shared instance: only where that instance isolates enough. */
const tenantOnSharedInstance: CrossCheck = (config) => {
  const database = awsOf(config).database;
  if (isPlatform(config) || database?.instance !== "platform") {
    return [];
  }
  const key = "enclave:aws.database.instance";
  const issues: ConfigIssue[] = [];
  if (typeof config["platformStack"] !== "string") {
    issues.push({
      key,
      value: "platform",
      problem: "is platform but enclave:platformStack names no platform stack",
      fix: "set enclave:platformStack to the platform stack whose shared instance this tenant takes, or remove it (the tenant then has an instance of its own)",
    });
  }
  if (config["classification"] === "restricted") {
    issues.push({
      key,
      value: "platform",
      problem:
        "is platform but enclave:classification is restricted: the shared instance is encrypted with the platform's key and administered with one master credential for every tenant on it",
      fix: "remove it (a restricted tenant keeps an instance of its own, encrypted with its own key), or lower enclave:classification if the data allows",
    });
  }
  if (config["isolation"] === "client-hosted") {
    issues.push({
      key,
      value: "platform",
      problem:
        "is platform but enclave:isolation is client-hosted: the client's revocation of its key would not cut access to a database the platform's key encrypts",
      fix: "remove it; a client-hosted tenant keeps an instance of its own",
    });
  }
  for (const field of INSTANCE_FIELDS) {
    if (database[field] !== undefined) {
      issues.push({
        key: `enclave:aws.database.${field}`,
        value: database[field],
        problem:
          "sizes an RDS instance, but enclave:aws.database.instance is platform: this tenant creates none",
        fix: "remove it; the platform stack's enclave:aws.database sizes the shared instance",
      });
    }
  }
  return issues;
};

export const SHARED_DATABASE_CROSS_CHECKS: CrossCheck[] = [
  sharedDatabaseOnPlatform,
  tenantOnSharedInstance,
];
