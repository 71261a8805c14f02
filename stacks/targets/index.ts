import type { Platform } from "../../components/shared/platform";
import type { DataStore } from "../../components/shared/classification";
import type { EnclaveConfig } from "../config";
import { buildAwsTarget } from "./aws";
import { buildExistingClusterTarget } from "./existing-cluster";
import { buildGcpTarget } from "./gcp";

/** What a target hands back: the Platform for the app layer, and its own stack outputs. */
export interface TargetResult {
  readonly platform?: Platform;
  readonly outputs: Record<string, unknown>;
  /** The buckets and databases the stack keeps tenant data or records in (stack output dataStores). */
  readonly dataStores: readonly DataStore[];
}

/** What a target may need beyond the config, from the composition root. */
export interface TargetContext {
  /** Every image the app layer runs, pinned (the GCP target admits only their repositories). */
  readonly images: readonly string[];
  /** The deployment's clock (the GCP storage key's rotation schedule). */
  readonly now: Date;
}

export function buildPlatform(config: EnclaveConfig, context: TargetContext): TargetResult {
  switch (config.cloud) {
    case "aws":
      return buildAwsTarget(config);
    case "kubernetes":
      return buildExistingClusterTarget(config);
    case "gcp":
      return buildGcpTarget(config, context);
  }
}
