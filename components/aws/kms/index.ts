export * from "./args";
export * from "./defaults";
export * from "./key";
export * from "./policy";
export * from "./users";
export * from "./validate";
