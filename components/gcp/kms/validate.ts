import type { Problem } from "../../shared/problems";
import type { KeyUse, TenantKeyRingArgs } from "./args";
import { KEY_PURPOSES, KEY_RING_NAME, type KeyPurpose } from "./defaults";

/** Members a key may be granted to: service accounts (agents and workloads), nothing broader. */
const SERVICE_ACCOUNT = /^serviceAccount:[a-z0-9-]+@[a-z0-9.-]+\.iam\.gserviceaccount\.com$/;

/** The purposes a ring holds, in KEY_PURPOSES order (all of them unless `purposes` names some). */
export function heldPurposes<P extends KeyPurpose>(args: TenantKeyRingArgs<P>): P[] {
  const wanted: readonly KeyPurpose[] = args.purposes ?? KEY_PURPOSES;
  return KEY_PURPOSES.filter((p) => wanted.includes(p)) as P[];
}

/** Problems with the key ring's arguments, on their own paths. Empty when valid. */
export function validateKeyRingArgs<P extends KeyPurpose>(args: TenantKeyRingArgs<P>): Problem[] {
  const problems: Problem[] = [];
  if (!KEY_RING_NAME.test(args.ringName)) {
    problems.push({
      path: "ringName",
      value: args.ringName,
      problem: "is not a key ring name",
      fix: 'use 1-63 letters, digits, "_" and "-", e.g. "enclave-acme-prod"',
    });
  }
  if (args.purposes !== undefined) {
    args.purposes.forEach((purpose, i) => {
      if (!(KEY_PURPOSES as readonly string[]).includes(purpose)) {
        problems.push({
          path: `purposes[${i}]`,
          value: purpose,
          problem: "is not a key purpose",
          fix: `use some of ${KEY_PURPOSES.join(", ")}`,
        });
      }
    });
    if (args.purposes.length === 0) {
      problems.push({
        path: "purposes",
        value: [],
        problem: "is empty, so the ring would hold no key",
        fix: "name the purposes the ring holds a key for, or leave purposes out for all of them",
      });
    }
  }
  for (const purpose of heldPurposes(args)) {
    const use = (args.keys as Partial<Record<KeyPurpose, KeyUse>>)[purpose];
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
