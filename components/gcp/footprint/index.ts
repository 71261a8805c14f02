export * from "./args";
export * from "./footprint";
export * from "./naming";
export * from "./platform";
export * from "./project";
export * from "./tenantData";
