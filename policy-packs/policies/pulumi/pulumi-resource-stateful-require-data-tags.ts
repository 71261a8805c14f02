import { resourcePolicy } from "../../lib/define";
import { STATEFUL_TYPES, statefulEntry } from "../../lib/stateful";
import {
  DATA_TAG_KEYS,
  DATA_TAGS,
  DEFAULT_ALLOWED_CLASSIFICATIONS,
  DEFAULT_ALLOWED_ENVIRONMENTS,
} from "../../lib/tenancy/data-tags";
import { marksOf, providerOf } from "../../lib/tenancy/tenant";

interface Config {
  readonly allowedClassifications: string[];
  readonly allowedEnvironments: string[];
}

/** Stateful types that take no tags or labels (the database inside an instance, Firestore). */
const UNTAGGABLE = new Set([
  "gcp:sql/database:Database",
  "gcp:spanner/database:Database",
  "gcp:firestore/database:Database",
]);

const listOr = (x: unknown, fallback: string[]) =>
  Array.isArray(x) && x.every((v) => typeof v === "string") ? (x as string[]) : fallback;

export default resourcePolicy<Config>({
  name: "pulumi-resource-stateful-require-data-tags",
  description:
    "Every resource that holds data (STATEFUL_TYPES in policy-packs/lib/stateful.ts) must say what the data is and whose: its classification, owner, tenant and environment, as the tags enclave:classification, enclave:owner, enclave:tenant and enclave:environment on AWS, the labels enclave-classification, enclave-owner, enclave-tenant and enclave-environment on GCP, and the labels enclave/classification, enclave/owner, app.kubernetes.io/instance and enclave/environment on Kubernetes. The classification and environment must be among the allowed values. Without them an inventory cannot say which stores hold restricted data, who answers for them, or which client they belong to.",
  severity: "medium",
  remediation:
    "Set enclave:classification (internal, confidential or restricted) and enclave:owner in the stack file: the kit's components then tag every resource with them, the tenant and the environment. For a resource created outside the kit's components, add the four tags or labels by hand. Allowed values are the policy parameters allowedClassifications and allowedEnvironments.",
  controls: { nist: ["RA-2", "CM-8", "PM-5"] },
  concern: "data-protection",
  resourceTypes: STATEFUL_TYPES.map((t) => t.type).filter((t) => !UNTAGGABLE.has(t)),
  configSchema: {
    properties: {
      allowedClassifications: {
        type: "array",
        items: { type: "string" },
        default: DEFAULT_ALLOWED_CLASSIFICATIONS,
      },
      allowedEnvironments: {
        type: "array",
        items: { type: "string" },
        default: DEFAULT_ALLOWED_ENVIRONMENTS,
      },
    },
  },
  check({ type, props }, report, config) {
    const entry = statefulEntry(type, props);
    const provider = providerOf(type);
    if (!entry || provider === "other") {
      return;
    }
    const keys = DATA_TAG_KEYS[provider];
    const marks = marksOf(type, props);
    const word = provider === "aws" ? "tags" : "labels";
    const missing = DATA_TAGS.filter((t) => (marks[keys[t]] ?? "").trim() === "").map(
      (t) => keys[t],
    );
    if (missing.length > 0) {
      report(
        `This resource holds ${entry.holds}; it lacks the data ${word} ${missing.join(", ")}. Set enclave:classification and enclave:owner in the stack (the kit's components tag every resource with them, the tenant and the environment), or add the ${word} to a resource made outside them.`,
      );
    }
    const allowed = {
      classification: listOr(config.allowedClassifications, DEFAULT_ALLOWED_CLASSIFICATIONS),
      environment: listOr(config.allowedEnvironments, DEFAULT_ALLOWED_ENVIRONMENTS),
    };
    for (const tag of ["classification", "environment"] as const) {
      const value = marks[keys[tag]];
      if (value !== undefined && value.trim() !== "" && !allowed[tag].includes(value)) {
        const param = tag === "classification" ? "allowedClassifications" : "allowedEnvironments";
        report(
          `Its ${keys[tag]} is "${value}", not one of ${allowed[tag].join(", ")} (policy parameter ${param}). Set it to one of them.`,
        );
      }
    }
  },
});
