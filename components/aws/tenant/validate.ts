import type { Problem } from "../../shared/problems";
import { validateTenancy } from "../../shared/validate";
import { AWS_CLIENT_STORE } from "../footprint/validate";
import type { AwsTenantArgs } from "./args";

/**
 * Problems with a tenant's arguments, found before any resource is created: the Platform
 * contract's tenancy rule (the client's bucket and key exactly when client-hosted), and a client's
 * bucket the platform's S3 endpoints admit (`platform.clientBuckets`), or every request to it would
 * be refused at the endpoint.
 */
export function validateTenantArgs(
  args: Pick<AwsTenantArgs, "isolation" | "clientHosted" | "platform">,
): Problem[] {
  const problems = validateTenancy({ ...args, uses: AWS_CLIENT_STORE });
  const bucket = args.clientHosted?.bucketName;
  if (problems.length === 0 && bucket !== undefined) {
    const admitted = args.platform.clientBuckets;
    if (!admitted.includes(bucket)) {
      problems.push({
        path: "clientHosted.bucketName",
        value: bucket,
        problem: `is not among the client buckets the S3 endpoints of the platform ${args.platform.stack} admit (${admitted.length > 0 ? admitted.join(", ") : "none"})`,
        fix: `add it to the platform's client buckets (enclave:aws.clientBuckets of ${args.platform.stack}) and deploy the platform first`,
      });
    }
  }
  return problems;
}
