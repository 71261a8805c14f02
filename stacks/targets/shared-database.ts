import type { AwsPlatform } from "../../components/aws/platform/platform";
import type { SharedInstance } from "../../components/aws/tenant/args";
import { ConfigError, type ConfigIssue, type EnclaveConfig } from "../config";

/**
 * The platform's `sharedDatabase` output (enclave:aws.sharedDatabase), the part of the platform
 * contract a tenant on the shared instance (enclave:aws.database.instance: platform) reads. Plain
 * values: the instance's address, the CA that signs it, the master secret's ARN (an identifier,
 * not the credential: only the admin namespace's IRSA role may read the secret), the platform's
 * database key and where the tenants' bootstrap Jobs run.
 */
export function sharedDatabaseOutput(platform: AwsPlatform): Record<string, unknown> | undefined {
  const db = platform.sharedDatabase;
  return db === undefined
    ? undefined
    : {
        identifier: db.identifier,
        host: db.host,
        port: db.port,
        caBundlePem: db.caBundlePem,
        masterSecretArn: db.masterSecretArn,
        kmsKeyArn: db.kmsKeyArn,
        bootstrapNamespace: db.bootstrap.namespace,
        bootstrapServiceAccount: db.bootstrap.serviceAccountName,
      };
}

const STRING_FIELDS = [
  "host",
  "caBundlePem",
  "masterSecretArn",
  "bootstrapNamespace",
  "bootstrapServiceAccount",
] as const;

/**
 * What the tenant takes from the platform's `sharedDatabase` output, or a ConfigError naming
 * enclave:platformStack when the platform has no shared instance (or exported a malformed one).
 */
export function sharedInstanceFrom(config: EnclaveConfig, value: unknown): SharedInstance {
  const platform = config.platformStack ?? "";
  const issues: ConfigIssue[] = [];
  const record =
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  if (record === undefined) {
    issues.push({
      key: "enclave:platformStack",
      value: platform,
      problem:
        "names a platform stack without a shared database instance (no sharedDatabase output), but enclave:aws.database.instance is platform",
      fix: `set enclave:aws.sharedDatabase: true on ${platform} and run \`pulumi up\` there, or remove enclave:aws.database.instance (the tenant then has an instance of its own)`,
    });
  } else {
    const bad = [
      ...STRING_FIELDS.filter((k) => typeof record[k] !== "string" || record[k] === ""),
      ...(typeof record["port"] === "number" ? [] : ["port"]),
    ];
    if (bad.length > 0) {
      issues.push({
        key: "enclave:platformStack",
        value: platform,
        problem: `names a stack whose sharedDatabase output lacks ${bad.join(", ")}`,
        fix: `redeploy ${platform} with this version of enclave`,
      });
    }
  }
  if (issues.length > 0) {
    throw new ConfigError(config.stack, issues);
  }
  const r = record!;
  return {
    host: r["host"] as string,
    port: r["port"] as number,
    caBundlePem: r["caBundlePem"] as string,
    masterSecretArn: r["masterSecretArn"] as string,
    bootstrap: {
      namespace: r["bootstrapNamespace"] as string,
      serviceAccountName: r["bootstrapServiceAccount"] as string,
    },
  };
}
