export { AwsTenant } from "./tenant";
export type { AwsTenantArgs, PlatformCluster } from "./args";
