export * from "./args";
export * from "./defaults";
export * from "./storage";
export * from "./validate";
