/**
 * Trust policies that name an account root (`arn:<partition>:iam::<account>:root`, or the bare
 * account id): "any principal of that account whose own IAM policies allow sts:AssumeRole". Such
 * trust is acceptable only with a condition that says who (principal ARN, organisation, tag,
 * source identity, external id) or that demands a second factor (MFA). The conditions counted:
 *
 * - StringEquals/StringLike/ArnEquals/ArnLike (optionally ForAnyValue:/ForAllValues:, never
 *   ...IfExists) on aws:PrincipalArn, aws:PrincipalOrgID, aws:PrincipalOrgPaths,
 *   aws:PrincipalTag/<key>, aws:userid, sts:ExternalId, sts:SourceIdentity, aws:SourceIdentity,
 *   with a value that is not `*` (nor an ARN ending in `:*`);
 * - Bool aws:MultiFactorAuthPresent "true" (not BoolIfExists, which admits long-term keys);
 * - NumericLessThan/NumericLessThanEquals aws:MultiFactorAuthAge (not ...IfExists);
 * - Null aws:MultiFactorAuthAge "false" (the key exists only for MFA sessions);
 * - Null aws:PrincipalTag/<key> "false": only principals that carry the tag, which the account's
 *   administrators set (the attribute-based form of naming principals).
 *
 * `Null` "false" on the other keys is not counted: every principal has an ARN, a user id and its
 * account's organisation, and any caller can pass an external id or a source identity.
 *
 * Not counted: aws:PrincipalAccount (the root's own account, so no narrowing), aws:SourceIp,
 * aws:SecureTransport, aws:RequestedRegion, time windows: they say where or when, not who.
 */
import { globMatch, principalsOfKind, type Statement } from "./iam";

const ROOT_ARN = /^arn:aws[a-z-]*:iam::\d{12}:root$/;
const ACCOUNT_ID = /^\d{12}$/;

/** An AWS principal value that stands for a whole account. */
export function isAccountRoot(principal: string): boolean {
  return ROOT_ARN.test(principal) || ACCOUNT_ID.test(principal);
}

/** The account-root principals an Allow statement names (none for Deny). */
export function trustedRoots(s: Statement): string[] {
  return s.allow ? principalsOfKind(s.principal, "AWS").filter(isAccountRoot) : [];
}

/** Whether the statement lets its principals call sts:AssumeRole (directly or by wildcard). */
export function allowsAssumeRole(s: Statement): boolean {
  if (s.notActions !== undefined) {
    return !s.notActions.some((a) => globMatch(a, "sts:AssumeRole"));
  }
  return s.actions.some((a) => globMatch(a, "sts:AssumeRole"));
}

const WHO_KEYS = [
  "aws:principalarn",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:userid",
  "sts:externalid",
  "sts:sourceidentity",
  "aws:sourceidentity",
];

const isWhoKey = (key: string) => WHO_KEYS.includes(key) || key.startsWith("aws:principaltag/");

const meaningful = (values: string[]) =>
  values.length > 0 && values.every((v) => v !== "*" && !/^arn:[^:]*:iam::[^:]*:\*$/.test(v));

/** The condition keys of a statement that scope an account-root trust (see the module comment). */
export function rootTrustScopes(condition: Statement["condition"]): string[] {
  const found: string[] = [];
  for (const [rawOperator, block] of Object.entries(condition)) {
    const operator = rawOperator.replace(/^(ForAnyValue|ForAllValues):/i, "").toLowerCase();
    if (operator.endsWith("ifexists")) {
      continue;
    }
    for (const [rawKey, value] of Object.entries(block)) {
      const key = rawKey.toLowerCase();
      // JSON booleans are accepted where IAM takes them (Bool, Null): `false` reads as "false".
      const values = (Array.isArray(value) ? value : [value])
        .filter((v): v is string | boolean => typeof v === "string" || typeof v === "boolean")
        .map((v) => String(v).trim());
      const scoped =
        (/^(stringequals|stringequalsignorecase|stringlike|arnequals|arnlike)$/.test(operator) &&
          isWhoKey(key) &&
          meaningful(values)) ||
        (operator === "bool" &&
          key === "aws:multifactorauthpresent" &&
          values.length > 0 &&
          values.every((v) => v.toLowerCase() === "true")) ||
        (/^numericlessthan(equals)?$/.test(operator) &&
          key === "aws:multifactorauthage" &&
          values.length > 0) ||
        (operator === "null" &&
          (key === "aws:multifactorauthage" || /^aws:principaltag\/./.test(key)) &&
          values.length > 0 &&
          values.every((v) => v.toLowerCase() === "false"));
      if (scoped) {
        found.push(rawKey);
      }
    }
  }
  return found;
}
