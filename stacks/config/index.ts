import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "./parse";
import type { EnclaveConfig } from "./types";

export { ConfigError, formatIssue, type ConfigIssue } from "./errors";
export { KEYS, NAMESPACE } from "./keys";
export { parseStackConfig, type RawConfig } from "./parse";
export * from "./types";

/**
 * The only place in the kit that reads `pulumi.Config`: every key of the stack, validated at once.
 * Throws ConfigError (all problems listed) before any resource is registered.
 */
export function loadStackConfig(): EnclaveConfig {
  const raw = pulumi.runtime.allConfig();
  return parseStackConfig(raw, {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    secretKeys: Object.keys(raw).filter(isConfigSecret),
  });
}

/**
 * Whether Pulumi holds a key as a secret. @pulumi/pulumi exports `runtime.isConfigSecret` (it reads
 * the secret-key list the CLI, or the offline reviewer, hands the program) without declaring it in
 * its types; a test checks it exists in the pinned version.
 */
export function isConfigSecret(key: string): boolean {
  const fn = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean })
    .isConfigSecret;
  if (typeof fn !== "function") {
    throw new Error(
      "@pulumi/pulumi no longer exports runtime.isConfigSecret: enclave cannot tell secret config keys from plain ones",
    );
  }
  return fn(key);
}
