import type { PolicyConfigSchema } from "@pulumi/policy";

/** CIS AWS Foundations Benchmark ids, in the form the reports print. */
export function cisAws(...ids: string[]): string[] {
  return ids.map((id) => `CIS AWS Foundations 3.0.0 ${id}`);
}

/** CIS Amazon EKS Benchmark ids, in the form the reports print. */
export function cisEks(...ids: string[]): string[] {
  return ids.map((id) => `CIS EKS 1.8.0 ${id}`);
}

/**
 * Why a KMS key reference does not name a customer-managed key, or undefined when it does.
 * An absent reference means the service's AWS-managed key (`aws/<service>`), which the account
 * cannot rotate on its own schedule, restrict with a key policy, or revoke per tenant; so does an
 * explicit `alias/aws/<service>`.
 */
export function customerKeyProblem(value: unknown, prop: string): string | undefined {
  if (value === undefined || value === null || value === "") {
    return `${prop} is not set, so the AWS-managed key is used`;
  }
  if (typeof value !== "string") {
    return `${prop} is not a key ARN or id`;
  }
  if (/(^|:)alias\/aws\//.test(value)) {
    return `${prop} is "${value}", an AWS-managed key`;
  }
  return undefined;
}

export interface CmkConfig {
  readonly requireCustomerManagedKey: boolean;
}

/** Schema for policies that can accept AWS-managed keys when a stack says so. */
export const cmkConfigSchema: PolicyConfigSchema = {
  properties: {
    requireCustomerManagedKey: {
      type: "boolean",
      default: true,
      description: "Require a customer-managed KMS key rather than the service's AWS-managed key.",
    },
  },
};

/** `[a, b, c]` as `a, b and c`, for messages. */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) {
    return items.join("");
  }
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
