import type { Problem } from "../../shared/problems";
import type { TenantStorageArgs } from "./args";
import { BUCKET_NAME } from "./defaults";

const ORIGIN = /^https:\/\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;

/** Problems with the storage's arguments, on their own paths. Empty when valid. */
export function validateTenantStorageArgs(args: TenantStorageArgs): Problem[] {
  const problems: Problem[] = [];
  for (const field of ["dataBucketName", "logBucketName"] as const) {
    const value = args[field];
    if (!BUCKET_NAME.test(value) || value.includes("goog")) {
      problems.push({
        path: field,
        value,
        problem: "is not a bucket name Cloud Storage accepts",
        fix: 'use 3-63 lower-case letters, digits, "-" and "_", starting and ending with a letter or digit, without "goog"',
      });
    }
  }
  if (args.dataBucketName === args.logBucketName) {
    problems.push({
      path: "logBucketName",
      value: args.logBucketName,
      problem: "is the data bucket's name, so the bucket would log into itself",
      fix: "give the access logs their own bucket",
    });
  }
  if (!ORIGIN.test(args.appOrigin)) {
    problems.push({
      path: "appOrigin",
      value: args.appOrigin,
      problem: "is not an https origin",
      fix: 'write "https://<domain>", without path, port or trailing slash',
    });
  }
  return problems;
}
