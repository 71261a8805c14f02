import { z } from "zod";

/**
 * The reviewer's waiver: one policy, one resource, a justification and an expiry date. A program
 * keeps its waivers under one config key (`--waivers-key`, default `enclave:waivers`); a program
 * that validates its own config may import this schema so both read the same rule.
 *
 * Messages are written as "<problem>. Fix: <fix>"; the caller adds the key and the value.
 */
export interface Waiver {
  readonly policy: string;
  /** Resource name (the logical name) or full URN. */
  readonly resource: string;
  readonly justification: string;
  /** ISO date `YYYY-MM-DD`; the waiver holds until the end of that day (UTC). */
  readonly expires: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const waiverSchema = z
  .object(
    {
      policy: z
        .string({
          error:
            'has no policy name. Fix: name the policy to waive, e.g. "aws-s3-bucket-enable-access-logging"',
        })
        .min(1, { error: "is empty. Fix: name the policy to waive" }),
      resource: z
        .string({ error: "has no resource. Fix: give the resource's logical name or URN" })
        .min(1, { error: "is empty. Fix: give the resource's logical name or URN" }),
      justification: z
        .string({
          error: "has no justification. Fix: say why the risk is accepted and who accepted it",
        })
        .min(20, {
          error:
            "is too short to justify a waiver. Fix: say why the risk is accepted and who accepted it (20 characters at least)",
        }),
      expires: z
        .string({ error: "has no expiry. Fix: give the last day the waiver holds, as YYYY-MM-DD" })
        .refine((v) => ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), {
          error: "is not a date. Fix: write the last day the waiver holds as YYYY-MM-DD",
        }),
    },
    {
      error: "is not a waiver. Fix: write { policy, resource, justification, expires: YYYY-MM-DD }",
    },
  )
  .strict() satisfies z.ZodType<Waiver>;

export const waiversSchema = z.array(waiverSchema, {
  error: "is not a list. Fix: write a YAML list of { policy, resource, justification, expires }",
});
