export * from "./args";
export * from "./platform";
