import { rdsRegionalCaBundle } from "../database/caBundle";
import { under, type Problem } from "../../shared/problems";
import { validateAllowlist, validateTenancy } from "../../shared/validate";
import type { AwsFootprintArgs } from "./args";

/**
 * Problems with the footprint's arguments, on their own paths, found before any resource is
 * created. stacks/config runs this once for a stack (mapping paths to config keys); the
 * component throws them when used directly.
 */
export function validateFootprintArgs(args: AwsFootprintArgs): Problem[] {
  const problems: Problem[] = [
    ...validateTenancy(args),
    ...under("allowlist", validateAllowlist(args.allowlist)),
  ];
  if (
    args.settings.database.caBundlePem === undefined &&
    rdsRegionalCaBundle(args.region) === undefined
  ) {
    problems.push({
      path: "settings.database.caBundlePem",
      value: undefined,
      problem: `is required in region ${args.region}, whose RDS certificate authorities the kit does not ship`,
      fix: `paste the PEM bundle of ${args.region} from AWS's RDS trust store (${args.region}-bundle.pem)`,
    });
  }
  return problems;
}
