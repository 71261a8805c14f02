export { AwsPlatform } from "./platform";
export type { AwsPlatformArgs } from "./args";
export { tenantBucketPattern } from "./naming";
