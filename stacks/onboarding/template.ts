import * as fs from "fs";
import * as path from "path";
import { isMap, isNode, isScalar, parseDocument, visit, type Document } from "yaml";
import { GCP_PROJECT_ID, GCP_REGION } from "../config/cross-gcp";

/** What `npm run tenant:new` was asked for, flags already split into lists. */
export interface TenantRequest {
  readonly stack: string;
  readonly tenant: string;
  readonly cloud: "aws" | "gcp" | "kubernetes";
  readonly environment: "dev" | "staging" | "prod";
  readonly isolation: "shared" | "dedicated" | "client-hosted";
  readonly domain: string;
  readonly adminCidrs: readonly string[];
  readonly usersCidrs: readonly string[];
  /** aws:region or gcp:region (default eu-west-1 on AWS, europe-west1 on GCP). */
  readonly region?: string;
  /** gcp:project (GCP). */
  readonly project?: string;
  /** The platform stack whose cluster the tenant takes (enclave:platformStack, AWS or GCP). */
  readonly platform?: string;
  readonly clientBucket?: string;
  readonly clientKey?: string;
  readonly clientEndpoint?: string;
  readonly clientCidrs?: readonly string[];
  readonly clientCredentialsSecret?: string;
}

const STACKS = path.resolve(__dirname, "..");
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * The template is the reference stack of the same cloud and environment (stacks/Pulumi.aws-dev.yaml,
 * aws-prod, gcp-dev, gcp-prod, onprem-dev; the dedicated tenants on a platform with --platform):
 * documented line by line, reviewed clean by the tests, and so never out of
 * date. The request's values replace the reference tenant's; its example names ("acme") become the
 * new tenant's; its comments stay, so the file says which values are examples to replace.
 */
export function templateFor(request: TenantRequest): string {
  if (request.cloud === "aws" && request.platform !== undefined) {
    return "Pulumi.aws-tenant-dedicated.yaml";
  }
  if (request.cloud === "aws") {
    return request.environment === "prod" ? "Pulumi.aws-prod.yaml" : "Pulumi.aws-dev.yaml";
  }
  if (request.cloud === "gcp" && request.platform !== undefined) {
    return "Pulumi.gcp-tenant-dedicated.yaml";
  }
  if (request.cloud === "gcp") {
    return request.environment === "prod" ? "Pulumi.gcp-prod.yaml" : "Pulumi.gcp-dev.yaml";
  }
  return "Pulumi.onprem-dev.yaml";
}

export function renderTenantStack(request: TenantRequest, today: string): string {
  const template = templateFor(request);
  const doc = parseDocument(fs.readFileSync(path.join(STACKS, template), "utf8"));
  dropTemplateHeader(doc);
  const templateEnvironment = String(doc.getIn(["config", "enclave:environment"]));
  // A tenant name that is not a DNS label is reported by the config module; the examples keep
  // the reference name then, so that one bad flag gives one message.
  const example = EXAMPLE_TENANTS[template] ?? "acme";
  renameExamples(doc, example, DNS_LABEL.test(request.tenant) ? request.tenant : example);
  const set = (key: string, value: unknown) => doc.setIn(["config", key], doc.createNode(value));
  set("enclave:environment", request.environment);
  set("enclave:tenant", request.tenant);
  set("enclave:isolation", request.isolation);
  set("enclave:domain", request.domain);
  doc.setIn(["config", "enclave:allowlist", "admin"], doc.createNode([...request.adminCidrs]));
  doc.setIn(["config", "enclave:allowlist", "users"], doc.createNode([...request.usersCidrs]));
  if (request.cloud === "aws") {
    set("aws:region", request.region ?? "eu-west-1");
    if (request.platform !== undefined) {
      set("enclave:platformStack", request.platform);
      if (request.environment === "prod") {
        platformTenantProd(doc, request);
      }
    }
    if (request.isolation === "client-hosted") {
      set("enclave:clientHosted", {
        bucketName: request.clientBucket,
        kmsKeyArn: request.clientKey,
      });
    }
  } else if (request.cloud === "gcp") {
    gcpStack(doc, request, templateEnvironment);
  } else if (request.isolation === "client-hosted") {
    doc.deleteIn(["config", "enclave:kubernetes", "objectStore"]);
    set("enclave:clientHosted", {
      bucketName: request.clientBucket,
      endpoint: request.clientEndpoint,
      cidrs: request.clientCidrs ? [...request.clientCidrs] : undefined,
      credentialsSecretName:
        request.clientCredentialsSecret ?? `enclave-client-store-${request.tenant}`,
    });
  }
  const devTemplate = request.cloud === "kubernetes" || request.platform !== undefined;
  if (devTemplate && request.environment === "prod") {
    // The existing-cluster and platform-tenant references are dev (a throw-away CA); prod needs the
    // organisation's issuer.
    const issuer = doc.createNode({ clusterIssuer: `${request.tenant}-issuer` });
    issuer.commentBefore =
      " EXAMPLE: the organisation's cert-manager ClusterIssuer; prod refuses the throw-away CA.";
    doc.setIn(["config", "enclave:app", "tls", "issuer"], issuer);
    const admins = doc.createNode([
      { username: "idp-admin", email: `idp-admin@${request.domain}` },
    ]);
    admins.commentBefore =
      " EXAMPLE: the named administrators of Keycloak's master realm (required in prod).";
    doc.setIn(["config", "enclave:app", "keycloak", "admins"], admins);
  }
  doc.commentBefore = [
    ` Tenant stack "${request.stack}": tenant ${request.tenant}, ${request.environment}, ${request.isolation}, on ${request.cloud}.`,
    ` Written by \`npm run tenant:new\` on ${today} from the reference stack ${template}; its comments`,
    " are kept, and the values they call EXAMPLES must be replaced before `pulumi up`. Every key is",
    " documented, with its default, in docs/configuration.md.",
  ].join("\n");
  return doc.toString({ lineWidth: 0 });
}

/** The example tenant each reference stack names ("acme" unless listed). */
const EXAMPLE_TENANTS: Readonly<Record<string, string>> = {
  "Pulumi.aws-tenant-dedicated.yaml": "globex",
  "Pulumi.gcp-tenant-dedicated.yaml": "globex",
};

/**
 * A GCP stack: its project and region, the example image references and registries moved into
 * that project's Artifact Registry (same shape as the reference's), and the waivers of the
 * storage keys renamed for the environment (`enclave-<tenant>-<environment>-...`).
 */
function gcpStack(doc: Document, request: TenantRequest, templateEnvironment: string): void {
  const project = request.project ?? "";
  const region = request.region ?? "europe-west1";
  const templateProject = String(doc.getIn(["config", "gcp:project"]));
  const templateRegion = String(doc.getIn(["config", "gcp:region"]));
  doc.setIn(["config", "gcp:project"], doc.createNode(project));
  doc.setIn(["config", "gcp:region"], doc.createNode(region));
  if (request.platform !== undefined) {
    doc.setIn(["config", "enclave:platformStack"], doc.createNode(request.platform));
  }
  // A project or region the config module refuses keeps the template's in the example images,
  // so that one bad flag gives one message (gcp:project or gcp:region, not four images).
  const ownRegistry =
    GCP_PROJECT_ID.test(project) && GCP_REGION.test(region)
      ? `${region}-docker.pkg.dev/${project}/`
      : `${templateRegion}-docker.pkg.dev/${templateProject}/`;
  const registry = `${templateRegion}-docker.pkg.dev/${templateProject}/`;
  const waiverPrefix = `enclave-${request.tenant}-${templateEnvironment}-`;
  visit(doc, {
    Pair(_key, pair) {
      const value = pair.value;
      if (!isScalar(value) || typeof value.value !== "string") {
        return;
      }
      let text = value.value.split(registry).join(ownRegistry);
      if (isScalar(pair.key) && pair.key.value === "resource" && text.startsWith(waiverPrefix)) {
        text = `enclave-${request.tenant}-${request.environment}-${text.slice(waiverPrefix.length)}`;
      }
      value.value = text;
    },
    Scalar(_key, node) {
      // Sequence items (enclave:policy's allowedRegistries).
      if (typeof node.value === "string" && node.value.includes(registry)) {
        node.value = node.value.split(registry).join(ownRegistry);
      }
    },
  });
}

/**
 * What prod adds to the dedicated-tenant reference (a dev stack): the people who may break glass
 * on the tenant's bucket (required in prod), and the platform's GuardDuty detector, which watches
 * the tenant's resources (the prod packs require one; a tenant on a platform creates none).
 */
function platformTenantProd(doc: Document, request: TenantRequest): void {
  const principals = doc.createNode([
    `arn:aws:iam::111122223333:role/${request.tenant}-break-glass-admin`,
  ]);
  principals.commentBefore =
    " EXAMPLE: the people who may assume the tenant's break-glass role for its bucket, with MFA (required in prod).";
  doc.setIn(["config", "enclave:aws", "clusterAdminPrincipals"], principals);
  const detector = doc.createNode("0123456789abcdef0123456789abcdef");
  detector.commentBefore =
    " EXAMPLE: the platform's GuardDuty detector (its guardDutyDetectorId output), which watches this tenant.";
  doc.setIn(["config", "enclave:aws", "guardDutyDetectorId"], detector);
}

/** The reference stacks name an example tenant: in values and comments, it becomes the new tenant. */
function renameExamples(doc: Document, example: string, tenant: string): void {
  const pattern = new RegExp(`\\b${example}\\b`, "g");
  const rename = (text: string) => text.replace(pattern, tenant);
  visit(doc, {
    Node(_key, node) {
      if (node.commentBefore) {
        node.commentBefore = rename(node.commentBefore);
      }
      if (node.comment) {
        node.comment = rename(node.comment);
      }
      if (isScalar(node) && typeof node.value === "string") {
        node.value = rename(node.value);
      }
    },
  });
}

/** The reference stack's own header (the comment above `config:`) describes the reference stack. */
function dropTemplateHeader(doc: Document): void {
  doc.commentBefore = null;
  if (isMap(doc.contents)) {
    doc.contents.commentBefore = null;
    const first = doc.contents.items[0]?.key;
    if (isNode(first)) {
      first.commentBefore = null;
    }
  }
}
