import { z } from "zod";

/**
 * A stack's policy-pack configuration, in the shape of the Pulumi CLI's `--policy-pack-config`
 * file: `{ all | <policy-name>: <level> | { enforcementLevel, <property>: value } }`. The reviewer
 * reads it from one config key (`--policy-config-key`, default `enclave:policy`).
 *
 * Messages are written as "<problem>. Fix: <fix>"; the caller adds the key and the value.
 */
export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

export const policyConfigSchema = z.record(
  z.string(),
  z.union(
    [
      z.enum(ENFORCEMENT_LEVELS),
      z.looseObject({ enforcementLevel: z.enum(ENFORCEMENT_LEVELS).optional() }),
    ],
    {
      error: `is not an enforcement level or a policy config object. Fix: write one of ${ENFORCEMENT_LEVELS.join(", ")}, or { enforcementLevel: <level>, <property>: <value> }`,
    },
  ),
  { error: "is not an object. Fix: write { <policy-name>: <level or config>, ... }" },
);
