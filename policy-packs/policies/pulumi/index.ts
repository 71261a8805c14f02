import type { EnclavePolicy } from "../../lib/define";
import resourceStatefulRequireProtect from "./pulumi-resource-stateful-require-protect";

/** Every pulumi policy (checks on Pulumi's own resource options), one per file in this folder. */
export const pulumiPolicies: EnclavePolicy[] = [resourceStatefulRequireProtect];
