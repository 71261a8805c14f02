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
  return parseStackConfig(pulumi.runtime.allConfig(), {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
  });
}
