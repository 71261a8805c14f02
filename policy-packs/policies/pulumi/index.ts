import type { EnclavePolicy } from "../../lib/define";

/** Every pulumi policy, one per file in this folder. */
export const pulumiPolicies: EnclavePolicy[] = [];
