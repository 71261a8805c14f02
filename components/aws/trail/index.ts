export * from "./args";
export * from "./defaults";
export { Trail, trailEventSelectors } from "./trail";
export { validateTrailArgs } from "./validate";
export {
  createGuardDuty,
  detectorProblem,
  GUARDDUTY_FEATURES,
  missingGuardDutyFeatures,
  referenceGuardDuty,
} from "./guardDuty";
export { organizationTrailProblem, type OrganizationTrailFields } from "./organization";
