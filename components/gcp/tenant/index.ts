export * from "./args";
export * from "./tenant";
