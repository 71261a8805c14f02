/** Secure defaults of the database's AWS Backup plan and its locked vault. */

/**
 * Days each daily recovery point is kept, per environment: prod keeps five weeks (past a
 * month-end close and the 35 days RDS's own point-in-time recovery reaches), staging two weeks,
 * dev one. The vault lock refuses any shorter retention (its minimum is the same number).
 */
export const RETENTION_DAYS = { dev: 7, staging: 14, prod: 35 } as const;

/**
 * The vault lock's mode per environment. Compliance (prod): after `COMPLIANCE_GRACE_DAYS` the
 * lock can be changed or removed by nobody, the account root and AWS included, and no recovery
 * point can be deleted before its retention ends. Governance (dev, staging): the same limits,
 * but a principal allowed backup:DeleteBackupVaultLockConfiguration may lift them, so a
 * short-lived environment can still be torn down.
 */
export const LOCK_MODE = { dev: "governance", staging: "governance", prod: "compliance" } as const;
export type LockMode = (typeof LOCK_MODE)[keyof typeof LOCK_MODE];

/** Days a compliance lock stays changeable after it is set (AWS's minimum is 3). */
export const COMPLIANCE_GRACE_DAYS = 3;

/** Longest retention the vault accepts: a mistaken "keep forever" is refused. */
export const MAX_RETENTION_DAYS = 365;

/**
 * Daily at 05:00 UTC: after the RDS automated backup window (02:00-03:00) and the Sunday
 * maintenance window (03:30-04:30), which an AWS Backup job must not overlap.
 */
export const SCHEDULE = "cron(0 5 * * ? *)";
/** Minutes a job may wait to start, and to finish (AWS wants completion >= start + 60). */
export const START_WINDOW_MINUTES = 60;
export const COMPLETION_WINDOW_MINUTES = 240;

/** AWS managed policies of the backup service role: take backups, and restore them. */
export const SERVICE_ROLE_POLICIES = [
  "service-role/AWSBackupServiceRolePolicyForBackup",
  "service-role/AWSBackupServiceRolePolicyForRestores",
] as const;
