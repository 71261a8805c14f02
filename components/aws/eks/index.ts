export * from "./access";
export * from "./args";
export * from "./cluster";
export * from "./defaults";
export * from "./kubeconfig";
export * from "./nodes";
export * from "./roles";
export * from "./validate";
