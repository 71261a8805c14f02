export { AwsTenant } from "./tenant";
export type { AwsTenantArgs, PlatformCluster } from "./args";
export { validateTenantArgs } from "./validate";
