import type * as pulumi from "@pulumi/pulumi";
import type { ServiceAgents } from "../shared/agents";
import type { KeyPurpose } from "./defaults";
import type { KeyUse } from "./args";

/**
 * Who uses each key, by default: only the service agent of the service that encrypts with it.
 * `logs` serves the access-log bucket (Cloud Storage's agent); a CMEK Cloud Logging bucket, when
 * one is built, adds the project's Logging service account through `extra`. Workloads read and
 * write objects through Cloud Storage, whose agent does the cryptography, so none is granted a
 * key unless a caller names it in `extra` (a workload that calls Cloud KMS itself).
 */
export function defaultKeyUses(
  agents: ServiceAgents,
  extra: Partial<Record<KeyPurpose, readonly pulumi.Input<string>[]>> = {},
): Record<KeyPurpose, KeyUse> {
  const use = (purpose: KeyPurpose, users: pulumi.Input<string>[]): KeyUse => ({
    users: [...users, ...(extra[purpose] ?? [])],
  });
  return {
    // GKE application-layer secrets encryption.
    cluster: use("cluster", [agents.gke]),
    // Node boot disks and the PD CSI driver's persistent disks.
    volumes: use("volumes", [agents.compute]),
    // The tenant bucket.
    storage: use("storage", [agents.storage]),
    // Cloud SQL storage and backups, and the database administrator's Secret Manager secret.
    database: use("database", [agents.cloudSql, agents.secretManager]),
    // The access-log bucket.
    logs: use("logs", [agents.storage]),
  };
}
