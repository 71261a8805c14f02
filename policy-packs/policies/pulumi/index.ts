import type { EnclavePolicy } from "../../lib/define";
import resourceStatefulRequireDataTags from "./pulumi-resource-stateful-require-data-tags";
import resourceStatefulRequireProtect from "./pulumi-resource-stateful-require-protect";
import stackTenantDenyForeignDatabaseSecret from "./pulumi-stack-tenant-deny-foreign-database-secret";
import stackTenantEnforceIsolation from "./pulumi-stack-tenant-enforce-isolation";

/**
 * Every pulumi policy (checks on Pulumi's resource options, and checks across providers), one per
 * file in this folder.
 */
export const pulumiPolicies: EnclavePolicy[] = [
  resourceStatefulRequireProtect,
  resourceStatefulRequireDataTags,
  stackTenantEnforceIsolation,
  stackTenantDenyForeignDatabaseSecret,
];
