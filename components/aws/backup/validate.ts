import type { Problem } from "../../shared/problems";
import type { DatabaseBackupArgs } from "./args";
import { MAX_RETENTION_DAYS } from "./defaults";

/** Problems with the backup's arguments, on their own paths. */
export function validateDatabaseBackupArgs(args: DatabaseBackupArgs): Problem[] {
  const problems: Problem[] = [];
  if (!/^[A-Za-z0-9_-]{2,50}$/.test(args.vaultName)) {
    problems.push({
      path: "vaultName",
      value: args.vaultName,
      problem: "is not a backup vault name",
      fix: "use 2-50 letters, digits, hyphens and underscores",
    });
  }
  if (
    !Number.isInteger(args.retentionDays) ||
    args.retentionDays < 1 ||
    args.retentionDays > MAX_RETENTION_DAYS
  ) {
    problems.push({
      path: "retentionDays",
      value: args.retentionDays,
      problem: `is outside the vault lock's 1-${MAX_RETENTION_DAYS} days`,
      fix: `keep recovery points a whole number of days between 1 and ${MAX_RETENTION_DAYS}`,
    });
  }
  if (args.resourceArns.length === 0) {
    problems.push({
      path: "resourceArns",
      value: [],
      problem: "is empty, so the plan would back up nothing",
      fix: "pass the database's ARN",
    });
  }
  return problems;
}
