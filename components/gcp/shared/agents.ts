import * as pulumi from "@pulumi/pulumi";

/**
 * The Google-managed service agents of a project, by project number. Each acts for one service
 * and is the only principal that service uses to reach a customer-managed key (CMEK).
 * The address formats are Google's documented ones (Cloud KMS "CMEK integrations" pages).
 */
export interface ServiceAgents {
  /** GKE: application-layer secrets encryption (`container-engine-robot`). */
  readonly gke: pulumi.Output<string>;
  /** Compute Engine: CMEK boot disks of the nodes and persistent disks of the PD CSI driver. */
  readonly compute: pulumi.Output<string>;
  /** Cloud Storage: buckets encrypted with a default KMS key. */
  readonly storage: pulumi.Output<string>;
  /** Cloud SQL: instance storage and backups (created by `gcloud beta services identity create`). */
  readonly cloudSql: pulumi.Output<string>;
  /** Secret Manager: secrets replicated with a customer-managed key (the database admin's). */
  readonly secretManager: pulumi.Output<string>;
}

export function serviceAgents(projectNumber: pulumi.Input<string>): ServiceAgents {
  const agent = (domain: string) =>
    pulumi.interpolate`serviceAccount:service-${projectNumber}@${domain}.iam.gserviceaccount.com`;
  return {
    gke: agent("container-engine-robot"),
    compute: agent("compute-system"),
    storage: agent("gs-project-accounts"),
    cloudSql: agent("gcp-sa-cloud-sql"),
    secretManager: agent("gcp-sa-secretmanager"),
  };
}
