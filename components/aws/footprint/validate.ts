import { rdsRegionalCaBundle } from "../database/caBundle";
import { under, type Problem } from "../../shared/problems";
import { validateAllowlist, validateTenancy } from "../../shared/validate";
import type { ClientStoreUse } from "../../shared/platform";
import type { AwsFootprintArgs } from "./args";

/** The client's store on AWS: its S3 bucket and KMS key, reached with the app's IRSA roles. */
export const AWS_CLIENT_STORE: ClientStoreUse = {
  target: "AWS",
  required: {
    bucketName: "write the name of the S3 bucket the client created for you",
    kmsKeyArn:
      "set the ARN of the client's KMS key that encrypts the bucket, so the app's role can use it and nothing else",
  },
  refused: {
    endpoint: "remove it: on AWS the app reaches S3 through the VPC's own endpoint",
    region: "remove it: the client's bucket and key must be in aws:region",
    cidrs: "remove it: on AWS the app reaches S3 through the VPC's own endpoint",
    credentialsSecretName:
      "remove it: on AWS the app uses its IRSA roles (the client grants them in its bucket and key policies), never access keys",
  },
};

/**
 * Problems with the footprint's arguments, on their own paths, found before any resource is
 * created. stacks/config runs this once for a stack (mapping paths to config keys); the
 * component throws them when used directly.
 */
export function validateFootprintArgs(args: AwsFootprintArgs): Problem[] {
  const problems: Problem[] = [
    ...validateTenancy({ ...args, uses: AWS_CLIENT_STORE }),
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
