// The AWS target's components, one folder per concern.
export * as backup from "./backup";
export * as database from "./database";
export * as eks from "./eks";
export * as footprint from "./footprint";
export * as identity from "./identity";
export * as kms from "./kms";
export * as network from "./network";
export * as shared from "./shared";
export * as storage from "./storage";
export * as trail from "./trail";
export * as platform from "./platform";
export * as tenant from "./tenant";
