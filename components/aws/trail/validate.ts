import type { TrailArgs } from "./args";

/** Problems with a trail's arguments, each naming the arg, the value and the fix. */
export function validateTrailArgs(name: string, args: TrailArgs): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/.test(args.trailName)) {
    problems.push(
      `Trail ${name}: trailName "${args.trailName}" is not a CloudTrail trail name. Fix: use 3 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
  if (args.lock.days < 1 || !Number.isInteger(args.lock.days)) {
    problems.push(
      `Trail ${name}: lock.days ${args.lock.days} is not a whole number of days >= 1. Fix: use e.g. 365`,
    );
  }
  if (args.dataBucketArns.length === 0) {
    problems.push(
      `Trail ${name}: dataBucketArns is empty, so no object read or write would be recorded. Fix: name the tenant bucket`,
    );
  }
  return problems;
}
