import type { CrossCheck } from "./cross";

/** Project ids: 6-30 characters, lower-case letters, digits and hyphens, a letter first. */
export const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** Region names: europe-west1, us-central1, northamerica-northeast2, ... */
export const GCP_REGION = /^[a-z]+-[a-z]+\d+$/;

const isGcp = (config: Readonly<Record<string, unknown>>) => config["cloud"] === "gcp";

/** `enclave:gcp` configures the GCP target only; anywhere else it is a mistake worth naming. */
const gcpOnlyWithGcp: CrossCheck = (config, raw) =>
  raw["enclave:gcp"] !== undefined && !isGcp(config)
    ? [
        {
          key: "enclave:gcp",
          value: config["gcp"],
          problem: `is set but enclave:cloud is ${String(config["cloud"])}`,
          fix: "remove it; it configures the GCP target only",
        },
      ]
    : [];

const projectFormat: CrossCheck = (config, raw) => {
  const project = raw["gcp:project"];
  return isGcp(config) && project && !GCP_PROJECT_ID.test(project)
    ? [
        {
          key: "gcp:project",
          value: project,
          problem: "is not a Google Cloud project id",
          fix: 'use the project id (not its name or number): 6-30 lower-case letters, digits and hyphens, starting with a letter, e.g. "acme-annotate-prod"',
        },
      ]
    : [];
};

const regionFormat: CrossCheck = (config, raw) => {
  const region = raw["gcp:region"];
  return isGcp(config) && region && !GCP_REGION.test(region)
    ? [
        {
          key: "gcp:region",
          value: region,
          problem: "is not a Google Cloud region",
          fix: 'use a region (not a zone) such as "europe-west1" or "us-central1"',
        },
      ]
    : [];
};

/** The client's own bucket and key by reference are built on AWS and existing clusters only. */
const clientHosted: CrossCheck = (config) =>
  isGcp(config) && config["isolation"] === "client-hosted"
    ? [
        {
          key: "enclave:isolation",
          value: "client-hosted",
          problem:
            "is not built on the GCP target (the client's bucket and Cloud KMS key by reference)",
          fix: "use dedicated on GCP, or client-hosted on enclave:cloud aws or kubernetes",
        },
      ]
    : [];

/** Tenants' image repositories are admitted by a platform's project policy; a stack with its own cluster admits its own images. */
const tenantImageRepositories: CrossCheck = (config) => {
  const gcp = (config["gcp"] ?? {}) as { tenantImageRepositories?: unknown };
  return isGcp(config) &&
    gcp.tenantImageRepositories !== undefined &&
    config["stackRole"] !== "platform" &&
    config["platformStack"] === undefined
    ? [
        {
          key: "enclave:gcp.tenantImageRepositories",
          value: gcp.tenantImageRepositories,
          problem:
            "is set on a stack that is not a platform: it admits tenants' images in a platform's Binary Authorization policy",
          fix: "remove it; a stack with its own cluster admits the repositories of its own images (enclave:app.images)",
        },
      ]
    : [];
};

/** The GCP rules that span keys; the components' own rules run from component-checks.ts. */
export const GCP_CROSS_CHECKS: CrossCheck[] = [
  gcpOnlyWithGcp,
  projectFormat,
  regionFormat,
  clientHosted,
  tenantImageRepositories,
];
