import { MONITORING_INTERVALS } from "./defaults";
import type { DatabaseArgs } from "./args";
import { looksLikePemBundle } from "./caBundle";

/** Problems with the database's arguments, each naming the arg, the value and the fix. */
export function validateDatabaseArgs(name: string, args: DatabaseArgs): string[] {
  const problems: string[] = [];
  if (
    !/^[a-z][a-z0-9-]{0,62}$/.test(args.identifier) ||
    args.identifier.endsWith("-") ||
    args.identifier.includes("--")
  ) {
    problems.push(
      `Database ${name}: identifier "${args.identifier}" is not an RDS identifier. Fix: use 1-63 lower-case letters, digits and single hyphens, starting with a letter`,
    );
  }
  if (!/^\d{2}(\.\d+)?$/.test(args.engineVersion)) {
    problems.push(
      `Database ${name}: engineVersion "${args.engineVersion}" is not a PostgreSQL version. Fix: use e.g. "17" or "17.4"`,
    );
  }
  if (args.backupRetentionDays < 7 || args.backupRetentionDays > 35) {
    problems.push(
      `Database ${name}: backupRetentionDays ${args.backupRetentionDays} is outside 7-35. Fix: keep at least 7 days of backups`,
    );
  }
  if (args.maxAllocatedStorageGiB < args.allocatedStorageGiB) {
    problems.push(
      `Database ${name}: maxAllocatedStorageGiB ${args.maxAllocatedStorageGiB} is below allocatedStorageGiB ${args.allocatedStorageGiB}. Fix: raise the ceiling`,
    );
  }
  if (args.subnetIds.length < 2) {
    problems.push(
      `Database ${name}: subnetIds has ${args.subnetIds.length} subnet(s). Fix: give database subnets in at least two zones`,
    );
  }
  if (args.clientSecurityGroupIds.length === 0) {
    problems.push(
      `Database ${name}: clientSecurityGroupIds is empty, so nothing could connect. Fix: pass the nodes' security group`,
    );
  }
  if (!(MONITORING_INTERVALS as readonly number[]).includes(args.monitoringIntervalSeconds)) {
    problems.push(
      `Database ${name}: monitoringIntervalSeconds ${args.monitoringIntervalSeconds} is not an Enhanced Monitoring interval. Fix: use one of ${MONITORING_INTERVALS.join(", ")}`,
    );
  }
  if (!looksLikePemBundle(args.caBundlePem)) {
    problems.push(
      `Database ${name}: caBundlePem holds no PEM certificate. Fix: pass the RDS CA bundle of the region`,
    );
  }
  return problems;
}

/** `17.4` -> `postgres17`: the parameter group family of a version. */
export function parameterGroupFamily(engineVersion: string): string {
  return `postgres${engineVersion.split(".")[0]}`;
}
