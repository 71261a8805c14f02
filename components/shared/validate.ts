import type { Allowlist, Isolation } from "./platform";
import type { Problem } from "./problems";

/** Rules of the Platform contract itself, the same for every target. */

/** The admin plane must be reachable by someone: `admin` is never empty. */
export function validateAllowlist(allowlist: Allowlist): Problem[] {
  return allowlist.admin.length === 0
    ? [
        {
          path: "admin",
          value: allowlist.admin,
          problem: "is empty, so nobody could reach the admin plane",
          fix: 'list the operators\' networks, e.g. ["198.51.100.0/24"]',
        },
      ]
    : [];
}

/** The client's own bucket and key are given exactly when isolation is client-hosted. */
export function validateTenancy(args: {
  readonly isolation: Isolation;
  readonly clientHosted?: unknown;
}): Problem[] {
  if (args.isolation === "client-hosted" && args.clientHosted === undefined) {
    return [
      {
        path: "clientHosted",
        value: undefined,
        problem: "is required when isolation is client-hosted",
        fix: "set { bucketName, kmsKeyArn } to the bucket and KMS key the client created for you",
      },
    ];
  }
  if (args.isolation !== "client-hosted" && args.clientHosted !== undefined) {
    return [
      {
        path: "clientHosted",
        value: args.clientHosted,
        problem: `is set but isolation is ${args.isolation}`,
        fix: "remove it, or set isolation to client-hosted",
      },
    ];
  }
  return [];
}
