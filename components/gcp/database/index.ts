export * from "./args";
export * from "./database";
export * from "./defaults";
export * from "./validate";
