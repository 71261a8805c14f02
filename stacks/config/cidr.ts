import { z } from "zod";
import {
  MAX_PUBLIC_SHARE,
  MIN_PREFIX,
  admitsWholeInternet,
  internetInPieces,
  isCidrProblem,
  isTooBroad,
  parseCidr,
  percent,
  tooBroadProblem,
  type Cidr,
} from "../../components/shared/cidr";

/** The fix for a block or a list that covers a share of the internet. */
const NARROWER = `list only the networks that must have access, each IPv4 /${MIN_PREFIX[4]} or narrower and IPv6 /${MIN_PREFIX[6]} or narrower, together less than 1/64 of the public address space`;

/**
 * A CIDR block given as a string: refused when malformed (with the parser's problem and fix),
 * when it admits every address, with `everyAddress` as the message (each key says it its way),
 * and when it is broader than the minimum prefix (components/shared/cidr.ts, rule 1).
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
      } else if (isTooBroad(parsed)) {
        ctx.addIssue({ code: "custom", message: `${tooBroadProblem(parsed)}. Fix: ${NARROWER}` });
      }
    });
}

/**
 * A list of CIDR blocks, refused also when its blocks together cover a share of the internet
 * (rule 2): `0.0.0.0/1` + `128.0.0.0/1` is refused entry by entry, eight /9s as a list.
 */
export function cidrBlockList<T extends z.ZodType<string[]>>(list: T) {
  return list.superRefine((values, ctx) => {
    const parsed = values.map(parseCidr).filter((c): c is Cidr => !isCidrProblem(c));
    for (const { family, share } of internetInPieces(parsed)) {
      ctx.addIssue({
        code: "custom",
        message: `together covers ${percent(share)} of the public IPv${family} space, the internet in pieces (the limit is ${percent(MAX_PUBLIC_SHARE)}). Fix: ${NARROWER}`,
      });
    }
  });
}
