import type { Platform } from "../../components/shared/platform";
import type { DataStore } from "../../components/shared/classification";
import type { EnclaveConfig } from "../config";
import { buildAwsTarget } from "./aws";
import { buildExistingClusterTarget } from "./existing-cluster";

/** What a target hands back: the Platform for the app layer, and its own stack outputs. */
export interface TargetResult {
  readonly platform?: Platform;
  readonly outputs: Record<string, unknown>;
  /** The buckets and databases the stack keeps tenant data or records in (stack output dataStores). */
  readonly dataStores: readonly DataStore[];
}

export function buildPlatform(config: EnclaveConfig): TargetResult {
  switch (config.cloud) {
    case "aws":
      return buildAwsTarget(config);
    case "kubernetes":
      return buildExistingClusterTarget(config);
    case "gcp":
      throw new Error(
        `enclave:cloud = "${config.cloud}": this target is not built yet. Fix: none in this version.`,
      );
  }
}
