export * from "./args";
export * from "./footprint";
export * from "./naming";
export * from "./platform";
