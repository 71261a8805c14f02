import { rdsRegionalCaBundle } from "../database/caBundle";
import type { AwsFootprintArgs } from "./args";

/**
 * Problems with the footprint's arguments, found before any resource is created. Config
 * validation (stacks/config) catches these first for stacks; this guards direct use.
 */
export function validateFootprintArgs(name: string, args: AwsFootprintArgs): string[] {
  const problems: string[] = [];
  if (args.isolation === "client-hosted" && args.clientHosted === undefined) {
    problems.push(
      `AwsFootprint ${name}: isolation is client-hosted but clientHosted is not set. Fix: pass the client's bucketName and kmsKeyArn`,
    );
  }
  if (args.isolation !== "client-hosted" && args.clientHosted !== undefined) {
    problems.push(
      `AwsFootprint ${name}: clientHosted is set but isolation is ${args.isolation}. Fix: drop clientHosted, or use client-hosted`,
    );
  }
  if (args.allowlist.admin.length === 0) {
    problems.push(
      `AwsFootprint ${name}: allowlist.admin is empty, so nobody could reach the admin plane. Fix: list the operators' networks`,
    );
  }
  if (
    args.settings.database.caBundlePem === undefined &&
    rdsRegionalCaBundle(args.region) === undefined
  ) {
    problems.push(
      `AwsFootprint ${name}: no RDS CA bundle is bundled for region ${args.region}. Fix: set enclave:aws.database.caBundlePem to the region's bundle from AWS's RDS trust store`,
    );
  }
  return problems;
}
