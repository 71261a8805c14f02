/**
 * What a program may rely on from the reviewer, and nothing else: pure schemas and one marker
 * (zod only, no reviewer runtime), so a program can import it at deploy time.
 */
export { CONFIG_ERROR_PHASE, isConfigError, type ConfigErrorMark } from "./configError";
export { DEFAULT_POLICY_CONFIG_KEY, DEFAULT_WAIVERS_KEY } from "./keys";
export { ENFORCEMENT_LEVELS, policyConfigSchema, type EnforcementLevel } from "./policyConfig";
export { waiverSchema, waiversSchema, type Waiver } from "./waivers";
