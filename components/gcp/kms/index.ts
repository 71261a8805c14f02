export * from "./args";
export * from "./defaults";
export * from "./keyRing";
export * from "./users";
export * from "./validate";
