import type { EnclavePolicy } from "../lib/define";
import { PACKS, type PackName } from "../lib/metadata";
import { awsPolicies } from "./aws";
import { gcpPolicies } from "./gcp";
import { kubernetesPolicies } from "./kubernetes";
import { pulumiPolicies } from "./pulumi";

/** Every enclave policy. Policy names are unique across packs. */
export const ALL_POLICIES: readonly EnclavePolicy[] = [
  ...awsPolicies,
  ...gcpPolicies,
  ...kubernetesPolicies,
  ...pulumiPolicies,
];

/** The policies a pack carries: those whose concern the pack covers. */
export function policiesForPack(pack: PackName): EnclavePolicy[] {
  const concerns: readonly string[] = PACKS[pack];
  return ALL_POLICIES.filter((p) => concerns.includes(p.enclave.concern));
}
