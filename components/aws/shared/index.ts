export * from "./iam";
export * from "./partition";
export * from "./tags";
