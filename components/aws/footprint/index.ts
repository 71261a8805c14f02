export * from "./args";
export * from "./defaults";
export * from "./footprint";
export * from "./ingress";
export * from "./keys";
export * from "./naming";
export * from "./validate";
export * from "./zones";
