import type { EnclavePolicy } from "../../lib/define";

/** Every kubernetes policy, one per file in this folder. */
export const kubernetesPolicies: EnclavePolicy[] = [];
