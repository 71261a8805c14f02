/**
 * The resources that must carry their tenant's tag or label: every taggable resource that holds
 * a tenant's data or keys (STATEFUL_TYPES, less the GCP types that take no labels), the
 * identities that reach them, and the tenant's Kubernetes namespace and the data objects in it.
 */
import { STATEFUL_TYPES } from "../stateful";
import { providerOf } from "./tenant";

/** Stateful GCP types without labels (the database inside an instance, Firestore). */
const UNLABELLED = new Set([
  "gcp:sql/database:Database",
  "gcp:spanner/database:Database",
  "gcp:firestore/database:Database",
]);

const IDENTITIES = ["aws:iam/role:Role", "aws:sqs/queue:Queue", "aws:sns/topic:Topic"];

const KUBERNETES = [
  "kubernetes:core/v1:Namespace",
  "kubernetes:core/v1:PersistentVolumeClaim",
  "kubernetes:core/v1:Secret",
  "kubernetes:apps/v1:StatefulSet",
];

export const TENANT_RESOURCE_TOKENS: readonly string[] = [
  ...new Set([
    ...STATEFUL_TYPES.map((t) => t.type).filter(
      (t) => providerOf(t) !== "kubernetes" && !UNLABELLED.has(t),
    ),
    ...IDENTITIES,
    ...KUBERNETES,
  ]),
];
