export * from "./args";
export * from "./bucket";
export * from "./defaults";
export * from "./perimeter";
export * from "./policy";
export * from "./validate";
