/**
 * The config keys the reviewer reads unless told otherwise (`--policy-config-key`,
 * `--waivers-key`): any program may keep its policy config and waivers under its own namespace.
 */
export const DEFAULT_POLICY_CONFIG_KEY = "enclave:policy";
export const DEFAULT_WAIVERS_KEY = "enclave:waivers";
