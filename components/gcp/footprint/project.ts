import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { serviceAgents, type ServiceAgents } from "../shared/agents";
import { REQUIRED_APIS, STORAGE_AUDIT_LOG_TYPES } from "./platform";

/** What a stack owning the project's services holds: the APIs, the agents' identities, the agents. */
export interface ProjectServices {
  readonly apis: gcp.projects.Service[];
  /** Cloud SQL's and Secret Manager's agents (the keys are bound to them). */
  readonly identities: gcp.projects.ServiceIdentity[];
  readonly agents: ServiceAgents;
}

/** The project's number (`gcp:organizations/getProject`, the one invoke), as a stack reads it. */
export function projectAgents(project: string, parent: pulumi.Resource): ServiceAgents {
  const projectNumber = gcp.organizations
    .getProjectOutput({ projectId: project }, { parent })
    .apply((p) => p.number);
  return serviceAgents(projectNumber);
}

/**
 * The APIs the kit uses (enabled, never disabled on destroy) and the Cloud SQL and Secret Manager
 * service agents, which exist only once asked for: GcpFootprint and GcpPlatform make them; a
 * tenant on a platform finds them made.
 */
export function projectServices(
  name: string,
  project: string,
  parent: pulumi.Resource,
): ProjectServices {
  const apis = REQUIRED_APIS.map(
    (service) =>
      new gcp.projects.Service(
        `${name}-api-${service.split(".")[0]}`,
        { project, service, disableOnDestroy: false, disableDependentServices: false },
        { parent },
      ),
  );
  const identities = ["sqladmin.googleapis.com", "secretmanager.googleapis.com"].map(
    (service) =>
      new gcp.projects.ServiceIdentity(
        `${name}-agent-${service.split(".")[0]}`,
        { project, service },
        { parent, dependsOn: apis },
      ),
  );
  return { apis, identities, agents: projectAgents(project, parent) };
}

/**
 * Every object read and write of the project's buckets, by principal. The audit config is the
 * project's for Cloud Storage (one per project and service): GcpFootprint sets it for its own
 * project; on a platform, the platform stack sets it once for every tenant's bucket.
 */
export function storageAuditConfig(
  name: string,
  project: string,
  parent: pulumi.Resource,
): gcp.projects.IAMAuditConfig {
  return new gcp.projects.IAMAuditConfig(
    `${name}-storage-audit`,
    {
      project,
      service: "storage.googleapis.com",
      auditLogConfigs: STORAGE_AUDIT_LOG_TYPES.map((logType) => ({ logType })),
    },
    { parent },
  );
}
