import { createHash } from "crypto";
import type { Environment } from "../../shared/platform";

const ENV_LETTER: Readonly<Record<Environment, string>> = { dev: "d", staging: "s", prod: "p" };

/**
 * GCP names of one tenant's footprint. Bucket names are global, so they carry 8 hex of the
 * project id's SHA-256 (stable, and free of "goog"); service account ids are 6-30 characters, so
 * they carry the environment's letter.
 */
export function gcpNames(project: string, tenant: string, environment: Environment) {
  const prefix = `enclave-${tenant}-${environment}`;
  const suffix = createHash("sha256").update(project).digest("hex").slice(0, 8);
  const account = (role: string) => `en-${tenant}-${ENV_LETTER[environment]}-${role}`;
  return {
    prefix,
    clusterName: prefix,
    keyRing: prefix,
    dataBucket: `${prefix}-data-${suffix}`,
    logBucket: `${prefix}-logs-${suffix}`,
    databaseInstance: `${prefix}-pg`,
    nodeAccount: account("node"),
    storageAccount: account("dg"),
    bootstrapAccount: account("dbb"),
    /**
     * The namespace the target keeps the storage key's Secret in (the layer copies it). Not
     * `enclave-<...>`, which names a tenant's app namespace; its labels name the tenant.
     */
    credentialsNamespace: `credentials-${tenant}-${environment}`,
  };
}
