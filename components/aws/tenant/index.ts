export { AwsTenant } from "./tenant";
export type { AwsTenantArgs, PlatformCluster, SharedInstance } from "./args";
export { validateTenantArgs } from "./validate";
