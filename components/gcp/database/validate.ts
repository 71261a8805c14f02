import {
  isCidrProblem,
  isPrivateRange,
  overlaps,
  parseCidr,
  PRIVATE_IPV4,
} from "../../shared/cidr";
import type { Problem } from "../../shared/problems";
import type { PrivateDatabaseArgs } from "./args";
import { POSTGRES_MAJORS, SQL_SSL_MODES } from "./defaults";

/** Cloud SQL instance names: a letter, then up to 97 lower-case letters, digits and hyphens. */
const INSTANCE_NAME = /^[a-z][a-z0-9-]{0,96}$/;
const TIER = /^db-[a-z0-9-]+$/;

/** Problems with the database's arguments, on their own paths. Empty when valid. */
export function validateDatabaseArgs(args: PrivateDatabaseArgs): Problem[] {
  const problems: Problem[] = [];
  const name = args.instanceName;
  if (!INSTANCE_NAME.test(name) || name.endsWith("-")) {
    problems.push({
      path: "instanceName",
      value: name,
      problem: "is not a Cloud SQL instance name",
      fix: "use 1-98 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen",
    });
  }
  if (!(POSTGRES_MAJORS as readonly number[]).includes(args.postgresMajor)) {
    problems.push({
      path: "postgresMajor",
      value: args.postgresMajor,
      problem: "is not a PostgreSQL major the kit supports on Cloud SQL",
      fix: `use one of ${POSTGRES_MAJORS.join(", ")}`,
    });
  }
  if (!(SQL_SSL_MODES as readonly string[]).includes(args.sslMode)) {
    problems.push({
      path: "sslMode",
      value: args.sslMode,
      problem: "would accept unencrypted connections or is not a Cloud SQL SSL mode",
      fix: `use one of ${SQL_SSL_MODES.join(", ")}`,
    });
  }
  problems.push(...validateServiceRange(args.serviceRangeCidr, args.vpcRanges));
  const s = args.sizing;
  if (!TIER.test(s.tier)) {
    problems.push({
      path: "sizing.tier",
      value: s.tier,
      problem: "is not a Cloud SQL tier",
      fix: 'use a tier such as "db-custom-2-7680"',
    });
  }
  if (!Number.isInteger(s.diskSizeGb) || s.diskSizeGb < 10) {
    problems.push({
      path: "sizing.diskSizeGb",
      value: s.diskSizeGb,
      problem: "is below Cloud SQL's 10 GB minimum or not a whole number",
      fix: "use a whole number of GB, at least 10",
    });
  }
  if (!Number.isInteger(s.retainedBackups) || s.retainedBackups < 7 || s.retainedBackups > 365) {
    problems.push({
      path: "sizing.retainedBackups",
      value: s.retainedBackups,
      problem: "is outside 7-365",
      fix: "keep at least 7 daily backups",
    });
  }
  return problems;
}

/** The Private Service Access range: private, /16 to /24, clear of the VPC's own ranges. */
export function validateServiceRange(value: string, vpcRanges: readonly string[]): Problem[] {
  const cidr = parseCidr(value);
  if (isCidrProblem(cidr)) {
    return [{ path: "serviceRangeCidr", value, problem: cidr.problem, fix: cidr.fix }];
  }
  if (cidr.version !== 4 || !isPrivateRange(cidr)) {
    return [
      {
        path: "serviceRangeCidr",
        value,
        problem:
          "is not a private IPv4 range, so the database would take addresses of the internet",
        fix: `use a block inside ${PRIVATE_IPV4.join(", ")}, e.g. "10.72.0.0/20"`,
      },
    ];
  }
  if (cidr.prefix < 16 || cidr.prefix > 24) {
    return [
      {
        path: "serviceRangeCidr",
        value,
        problem: `is a /${cidr.prefix}, but Private Service Access for Cloud SQL needs /16 to /24`,
        fix: 'use a block from /16 to /24, e.g. "10.72.0.0/20"',
      },
    ];
  }
  return vpcRanges.flatMap((other): Problem[] => {
    const parsed = parseCidr(other);
    return !isCidrProblem(parsed) && overlaps(cidr, parsed)
      ? [
          {
            path: "serviceRangeCidr",
            value,
            problem: `overlaps the VPC's range ${parsed.canonical}`,
            fix: "choose a range that shares no address with the subnet, pods, services or control plane ranges",
          },
        ]
      : [];
  });
}
