export * from "./args";
export * from "./credential";
export * from "./credential-args";
export * from "./credential-defaults";
export * from "./defaults";
export * from "./rotation";
export * from "./storage";
export * from "./validate";
