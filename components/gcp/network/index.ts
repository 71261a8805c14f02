export * from "./args";
export * from "./defaults";
export * from "./network";
export * from "./validate";
