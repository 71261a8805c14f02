export * from "./args";
export * from "./caBundle";
export * from "./database";
export * from "./defaults";
export * from "./validate";
