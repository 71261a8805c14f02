export * from "./args";
export * from "./database";
export * from "./defaults";
export * from "./psa";
export * from "./validate";
