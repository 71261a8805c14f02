import * as pulumi from "@pulumi/pulumi";

/**
 * Reads a platform stack's outputs through a StackReference: each named output but the secret
 * ones as a plain value (the NetworkPolicies need the CIDRs as strings), the secret ones as
 * secret Outputs. The AWS and GCP tenants' one reader.
 */
export async function readStackOutputs<N extends string>(
  stack: string,
  names: readonly N[],
  secrets: readonly N[],
): Promise<Record<N, unknown>> {
  const reference = new pulumi.StackReference(`platform-${stack.replace(/\//g, "-")}`, {
    name: stack,
  });
  const entries = await Promise.all(
    names
      .filter((k) => !secrets.includes(k))
      .map(async (k) => [k, (await reference.getOutputDetails(k)).value] as const),
  );
  return {
    ...(Object.fromEntries(entries) as Record<N, unknown>),
    ...Object.fromEntries(secrets.map((k) => [k, reference.getOutput(k)])),
  } as Record<N, unknown>;
}
