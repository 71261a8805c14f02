import type { SecureBucketArgs } from "./args";

/** Problems with a bucket's arguments, each naming the arg, the value and the fix. */
export function validateSecureBucketArgs(name: string, args: SecureBucketArgs): string[] {
  const problems: string[] = [];
  const logBucket =
    args.receivesAccessLogsFrom !== undefined || args.receivesTrailFrom !== undefined;
  args.corsOrigins.forEach((origin, i) => {
    if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(origin)) {
      problems.push(
        `SecureBucket ${name}: corsOrigins[${i}] "${origin}" is not an https origin. Fix: use https://<host>, without path or wildcard`,
      );
    }
  });
  if (args.accessLogs === undefined && args.receivesAccessLogsFrom === undefined) {
    problems.push(
      `SecureBucket ${name}: has no accessLogs target and is not a log bucket. Fix: give accessLogs, or receivesAccessLogsFrom for the log bucket`,
    );
  }
  if (!logBucket && args.perimeter === undefined) {
    problems.push(
      `SecureBucket ${name}: holds data but has no perimeter. Fix: give perimeter (the principals, guardians, networks and VPC endpoints that may reach it)`,
    );
  }
  if (args.perimeter !== undefined) {
    const p = args.perimeter;
    // Lists computed from outputs are checked where they are built; known ones here.
    const empty = (["principals", "guardians", "sourceVpceIds"] as const).filter((k) => {
      const list: unknown = p[k];
      return Array.isArray(list) && list.length === 0;
    });
    if (empty.length > 0) {
      problems.push(
        `SecureBucket ${name}: perimeter ${empty.join(", ")} is empty, which would lock every principal out or let every network in. Fix: name at least one each`,
      );
    }
  }
  if (args.noncurrentVersionDays < 1) {
    problems.push(
      `SecureBucket ${name}: noncurrentVersionDays ${args.noncurrentVersionDays} is below 1. Fix: keep old versions at least a day`,
    );
  }
  if (
    args.objectLock !== undefined &&
    (args.objectLock.days < 1 || !Number.isInteger(args.objectLock.days))
  ) {
    problems.push(
      `SecureBucket ${name}: objectLock.days ${args.objectLock.days} is not a whole number of days >= 1. Fix: use e.g. 30`,
    );
  }
  if (args.expireCurrentAfterDays !== undefined && !logBucket) {
    problems.push(
      `SecureBucket ${name}: expireCurrentAfterDays is set on a data bucket, which would delete tenant data. Fix: use it on log buckets only`,
    );
  }
  return problems;
}
