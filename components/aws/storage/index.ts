export * from "./args";
export * from "./bucket";
export * from "./defaults";
export * from "./policy";
export * from "./validate";
