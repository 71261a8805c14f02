import type { Environment } from "../../shared/platform";

/**
 * Object Lock mode of the trail's log files per environment: COMPLIANCE in prod (nobody, root
 * included, deletes a log file before its retention ends), GOVERNANCE elsewhere (a test stack's
 * bucket can be emptied with s3:BypassGovernanceRetention). Retention: enclave:aws.logRetentionDays.
 */
export const TRAIL_LOCK_MODE: Readonly<Record<Environment, "GOVERNANCE" | "COMPLIANCE">> = {
  dev: "GOVERNANCE",
  staging: "GOVERNANCE",
  prod: "COMPLIANCE",
};

/** Every region's and the global services' management events (IAM, STS, KMS included). */
export const MULTI_REGION = true;
export const INCLUDE_GLOBAL_SERVICE_EVENTS = true;
/** Digest files let an investigator prove no log file was changed or removed. */
export const LOG_FILE_VALIDATION = true;
