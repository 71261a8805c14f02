import { createRequire } from "node:module";
import type { Loose } from "./app-layer";

const load = createRequire(`${process.cwd()}/`);

/**
 * Validates a Kubernetes object against the OpenAPI schema with kubernetes-models (core API,
 * Kubernetes 1.27 schemas) or @kubernetes-models/cert-manager (cert-manager CRDs). Both ship CJS
 * builds, loaded here with require. Throws for a kind no schema covers, so nothing is skipped.
 */
const MODULES: Record<string, string> = {
  v1: "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "batch/v1": "kubernetes-models/batch/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "rbac.authorization.k8s.io/v1": "kubernetes-models/rbac.authorization.k8s.io/v1",
  "admissionregistration.k8s.io/v1": "kubernetes-models/admissionregistration.k8s.io/v1",
  "apiextensions.k8s.io/v1": "kubernetes-models/apiextensions.k8s.io/v1",
  "cert-manager.io/v1": "@kubernetes-models/cert-manager/cert-manager.io/v1",
};

/** Returns the validation error message, or undefined when the object is valid. */
export function schemaError(object: Loose): string | undefined {
  const module = MODULES[object.apiVersion];
  if (module === undefined) {
    throw new Error(`no schema for apiVersion ${object.apiVersion} (kind ${object.kind})`);
  }
  const models = load(module) as Record<string, new (data: Loose) => { validate(): void }>;
  const Model = models[object.kind];
  if (Model === undefined) {
    throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  }
  try {
    new Model(object).validate();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
