export * from "./args";
export * from "./policies";
export * from "./trust";
export * from "./validate";
export * from "./workloadRole";
