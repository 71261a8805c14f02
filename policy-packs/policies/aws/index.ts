import type { EnclavePolicy } from "../../lib/define";

/** Every aws policy, one per file in this folder. */
export const awsPolicies: EnclavePolicy[] = [];
