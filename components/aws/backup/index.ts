export * from "./args";
export * from "./backup";
export * from "./defaults";
export * from "./validate";
