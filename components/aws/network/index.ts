export * from "./args";
export * from "./defaults";
export * from "./endpoints";
export * from "./layout";
export * from "./network";
export * from "./validate";
