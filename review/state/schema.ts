import { z } from "zod";

/**
 * What the reviewer reads of a `pulumi stack export`: a version-3 deployment (apitype.DeploymentV3
 * and ResourceV3 in the Pulumi SDK). Only the fields the analyzer protocol carries are checked;
 * any other field (manifest, secrets_providers, pending_operations, created, modified, ...) is
 * accepted and ignored, so exports of newer CLIs still read.
 */

const urns = z.array(z.string());

/** "has no "urn" (a string)" when absent, "has a "urn" that is not a string" otherwise. */
function required(field: string): (issue: { input: unknown }) => string {
  return (issue) =>
    issue.input === undefined
      ? `has no "${field}" (a string)`
      : `has a "${field}" that is not a string`;
}

export const stateResourceSchema = z.looseObject({
  urn: z.string({ error: required("urn") }).min(1, { error: 'has an empty "urn"' }),
  type: z.string({ error: required("type") }).min(1, { error: 'has an empty "type"' }),
  custom: z.boolean().optional(),
  delete: z.boolean().optional(),
  id: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  parent: z.string().optional(),
  protect: z.boolean().optional(),
  retainOnDelete: z.boolean().optional(),
  provider: z.string().optional(),
  dependencies: urns.optional(),
  propertyDependencies: z.record(z.string(), urns).optional(),
  additionalSecretOutputs: z.array(z.string()).optional(),
  ignoreChanges: z.array(z.string()).optional(),
  aliases: z.array(z.unknown()).optional(),
  customTimeouts: z
    .looseObject({
      create: z.number().optional(),
      update: z.number().optional(),
      delete: z.number().optional(),
    })
    .optional(),
});
export type StateResource = z.infer<typeof stateResourceSchema>;

export const deploymentSchema = z.looseObject({
  manifest: z.unknown().optional(),
  secrets_providers: z.unknown().optional(),
  resources: z.array(stateResourceSchema).optional(),
});

/** The envelope `pulumi stack export` writes: `{ version: 3, deployment: {...} }`. */
export const stackExportSchema = z.looseObject({
  version: z.literal(3),
  deployment: deploymentSchema,
});
export type StackExport = z.infer<typeof stackExportSchema>;

/** The one deployment version the reviewer reads. */
export const STATE_VERSION = 3;
