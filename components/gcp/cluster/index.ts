export * from "./admission";
export * from "./args";
export * from "./cluster";
export * from "./clusterInputs";
export * from "./defaults";
export * from "./kubeconfig";
export * from "./validate";
