import type { Problem } from "../../shared/problems";
import type { TenantKeyRingArgs } from "./args";
import { KEY_PURPOSES, KEY_RING_NAME } from "./defaults";

/** Members a key may be granted to: service accounts (agents and workloads), nothing broader. */
const SERVICE_ACCOUNT = /^serviceAccount:[a-z0-9-]+@[a-z0-9.-]+\.iam\.gserviceaccount\.com$/;

/** Problems with the key ring's arguments, on their own paths. Empty when valid. */
export function validateKeyRingArgs(args: TenantKeyRingArgs): Problem[] {
  const problems: Problem[] = [];
  if (!KEY_RING_NAME.test(args.ringName)) {
    problems.push({
      path: "ringName",
      value: args.ringName,
      problem: "is not a key ring name",
      fix: 'use 1-63 letters, digits, "_" and "-", e.g. "enclave-acme-prod"',
    });
  }
  for (const purpose of KEY_PURPOSES) {
    const use = args.keys[purpose];
    if (use === undefined) {
      problems.push({
        path: `keys.${purpose}`,
        value: undefined,
        problem: "is missing, so that purpose would have no key",
        fix: `give keys.${purpose} its users`,
      });
      continue;
    }
    if (use.users.length === 0) {
      problems.push({
        path: `keys.${purpose}.users`,
        value: [],
        problem: "is empty, so nothing could use the key",
        fix: "grant the service agent that encrypts with it",
      });
    }
    use.users.forEach((member, i) => {
      // Outputs (service agents by project number) are checked when known, by the packs.
      if (typeof member === "string" && !SERVICE_ACCOUNT.test(member)) {
        problems.push({
          path: `keys.${purpose}.users[${i}]`,
          value: member,
          problem: "is not a service account",
          fix: 'grant keys to service agents and workload service accounts only, as "serviceAccount:<email>"; never users, groups, domains, allUsers or allAuthenticatedUsers',
        });
      }
    });
  }
  return problems;
}
