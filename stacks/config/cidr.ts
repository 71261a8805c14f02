import { z } from "zod";
import { admitsWholeInternet, isCidrProblem, parseCidr } from "../../components/shared/cidr";

/**
 * A CIDR block given as a string: refused when malformed (with the parser's problem and fix) and
 * when it admits every address, with `everyAddress` as the message (each key says it its way).
 */
export function cidrBlock(everyAddress: string) {
  return z
    .string({
      error: 'is not a string. Fix: write the CIDR block as a quoted string, e.g. "203.0.113.0/24"',
    })
    .superRefine((value, ctx) => {
      const parsed = parseCidr(value);
      if (isCidrProblem(parsed)) {
        ctx.addIssue({ code: "custom", message: `${parsed.problem}. Fix: ${parsed.fix}` });
      } else if (admitsWholeInternet(parsed)) {
        ctx.addIssue({ code: "custom", message: everyAddress });
      }
    });
}
