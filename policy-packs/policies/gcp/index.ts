import type { EnclavePolicy } from "../../lib/define";

/** Every gcp policy, one per file in this folder. */
export const gcpPolicies: EnclavePolicy[] = [];
