import type { Allowlist, ClientStore, ClientStoreUse, Isolation } from "./platform";
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

/**
 * The client's own store is given exactly when isolation is client-hosted, with every field the
 * target uses and none it would ignore (a field the target does not use is refused: client-hosted
 * must never quietly fall back to the operator's store or key).
 */
export function validateTenancy(args: {
  readonly isolation: Isolation;
  readonly clientHosted?: ClientStore;
  readonly uses: ClientStoreUse;
}): Problem[] {
  const { uses } = args;
  const clientHosted = args.clientHosted as Readonly<Record<string, unknown>> | undefined;
  if (args.isolation === "client-hosted" && clientHosted === undefined) {
    return [
      {
        path: "clientHosted",
        value: undefined,
        problem: "is required when isolation is client-hosted",
        fix: `set { ${Object.keys(uses.required).join(", ")} } to the store the client created for you`,
      },
    ];
  }
  if (args.isolation !== "client-hosted" && clientHosted !== undefined) {
    return [
      {
        path: "clientHosted",
        value: clientHosted,
        problem: `is set but isolation is ${args.isolation}`,
        fix: "remove it, or set isolation to client-hosted",
      },
    ];
  }
  if (clientHosted === undefined) {
    return [];
  }
  const missing = Object.entries(uses.required)
    .filter(([field]) => clientHosted[field] === undefined)
    .map(([field, fix]) => ({
      path: `clientHosted.${field}`,
      value: undefined,
      problem: `is required on ${uses.target}`,
      fix: fix!,
    }));
  const known = new Set<string>([...Object.keys(uses.required), ...(uses.optional ?? [])]);
  const ignored = Object.keys(clientHosted)
    .filter((field) => !known.has(field) && clientHosted[field] !== undefined)
    .map((field) => ({
      path: `clientHosted.${field}`,
      value: clientHosted[field],
      problem: `is not used on ${uses.target}, so it would be silently ignored`,
      fix: (uses.refused as Record<string, string> | undefined)?.[field] ?? "remove it",
    }));
  return [...missing, ...ignored];
}
