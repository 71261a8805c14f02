/**
 * IAM policy documents as data: identity policies, trust policies and resource policies (key,
 * bucket). Documents arrive as JSON strings or as objects (the provider accepts both); anything
 * that does not parse yields no statements, never an exception.
 */
import { arr, isRecord, jsonDoc, rec, str } from "../props";

export interface Statement {
  /** `statement "Sid"` or `statement 2` (1-based), for messages. */
  readonly label: string;
  readonly allow: boolean;
  readonly deny: boolean;
  readonly actions: string[];
  /** Set when the statement uses NotAction. */
  readonly notActions?: string[];
  readonly resources: string[];
  /** Set when the statement uses NotResource. */
  readonly notResources?: string[];
  readonly principal: unknown;
  readonly notPrincipal: unknown;
  /** `{ operator: { key: value | value[] } }` */
  readonly condition: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A string or a list of strings, as IAM allows for Action, Resource and condition values. */
export function stringList(x: unknown): string[] {
  if (typeof x === "string") {
    return [x];
  }
  return arr(x).filter((v): v is string => typeof v === "string");
}

function optionalList(x: unknown): string[] | undefined {
  return x === undefined || x === null ? undefined : stringList(x);
}

/** The statements of a policy document (string or object); [] when it cannot be read. */
export function statements(policy: unknown): Statement[] {
  const doc = jsonDoc(policy);
  if (!doc) {
    return [];
  }
  const raw = Array.isArray(doc.Statement)
    ? doc.Statement
    : isRecord(doc.Statement)
      ? [doc.Statement]
      : [];
  const out: Statement[] = [];
  raw.forEach((s, i) => {
    if (!isRecord(s)) {
      return;
    }
    const sid = str(s.Sid);
    const effect = (str(s.Effect) ?? "").toLowerCase();
    const condition: Record<string, Record<string, unknown>> = {};
    for (const [op, block] of Object.entries(rec(s.Condition))) {
      condition[op] = { ...rec(block) };
    }
    out.push({
      label: sid ? `statement "${sid}"` : `statement ${i + 1}`,
      allow: effect === "allow",
      deny: effect === "deny",
      actions: stringList(s.Action),
      notActions: optionalList(s.NotAction),
      resources: stringList(s.Resource),
      notResources: optionalList(s.NotResource),
      principal: s.Principal,
      notPrincipal: s.NotPrincipal,
      condition,
    });
  });
  return out;
}

/** `*` or `*:*`: every action of every service. */
export function isFullWildcardAction(action: string): boolean {
  return action === "*" || action === "*:*";
}

/** An action pattern that grants a whole service or more: `*`, `*:*`, `s3:*`, `*:Get*`. */
export function isServiceWildcardAction(action: string): boolean {
  if (isFullWildcardAction(action)) {
    return true;
  }
  const [service, name] = action.split(":", 2);
  return service === "*" || name === "*";
}

/**
 * A resource that names everything of its kind: `*`, or an ARN whose resource part is only `*`
 * and `/` (e.g. `arn:aws:s3:::*`, `arn:aws:s3:::*\/*`).
 */
export function isWildcardResource(resource: string): boolean {
  if (resource === "*") {
    return true;
  }
  const parts = resource.split(":");
  if (parts[0] !== "arn" || parts.length < 6) {
    return false;
  }
  return /^[*/]+$/.test(parts.slice(5).join(":"));
}

/** Case-insensitive IAM glob match (`*` any run, `?` one character). */
export function globMatch(pattern: string, value: string): boolean {
  const re = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${re}$`, "i").test(value);
}

/** Principal values of one kind (`AWS`, `Service`, `Federated`, `CanonicalUser`). */
export function principalsOfKind(principal: unknown, kind: string): string[] {
  if (!isRecord(principal)) {
    return [];
  }
  const key = Object.keys(principal).find((k) => k.toLowerCase() === kind.toLowerCase());
  return key ? stringList(principal[key]) : [];
}

/** `"*"` or `{ "AWS": "*" }` (or a list holding `*`): anyone, in any account, or anonymous. */
export function isPublicPrincipal(principal: unknown): boolean {
  if (principal === "*") {
    return true;
  }
  return (
    principalsOfKind(principal, "AWS").includes("*") ||
    principalsOfKind(principal, "CanonicalUser").includes("*")
  );
}

/** Operators that only ever narrow an Allow: equality, pattern and address matches. */
function isNarrowingOperator(operator: string): boolean {
  const op = operator.replace(/^(ForAnyValue|ForAllValues):/i, "");
  if (/IfExists$/i.test(op)) {
    return false; // the statement still applies when the key is absent
  }
  return /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress|Bool)$/i.test(
    op,
  );
}

/** Condition keys that tie a statement to known callers (who), as IAM Access Analyzer counts them. */
const CALLER_KEYS = [
  "aws:sourcearn",
  "aws:sourceaccount",
  "aws:sourceowner",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:sourceip",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:principalservicename",
  "aws:userid",
  "kms:calleraccount",
  "s3:dataaccesspointaccount",
  "s3:dataaccesspointarn",
];

/**
 * `Null: { key: "false" }`: the statement applies only when the request carries the key. That
 * says the key exists, not which value it has, so it scopes only where the key's presence alone
 * sets the caller apart; `Null` "true" (the key must be absent) widens an Allow.
 */
function requiresPresence(values: unknown): boolean {
  const list = Array.isArray(values) ? values : [values];
  return (
    list.length > 0 &&
    list.every((v) => v === false || (typeof v === "string" && v.trim().toLowerCase() === "false"))
  );
}

/**
 * Caller keys that exist only when an AWS service calls on behalf of one of its resources, never
 * for an anonymous caller or an IAM principal's own call. Requiring one (`Null` "false") turns
 * "anyone" into "AWS services": counted. Other caller keys are not counted by presence: anyone
 * can create an organisation, a VPC endpoint or a principal tag, and aws:PrincipalArn or
 * aws:SourceIp are on (nearly) every request.
 */
const SERVICE_CALLER_KEYS = [
  "aws:sourcearn",
  "aws:sourceaccount",
  "aws:sourceowner",
  "aws:principalservicename",
];

function narrowsWith(
  condition: Statement["condition"],
  keyMatches: (key: string) => boolean,
  valueOk: (key: string, values: string[]) => boolean = () => true,
  presenceScopes: (key: string) => boolean = () => false,
): boolean {
  for (const [operator, block] of Object.entries(condition)) {
    if (/^Null$/i.test(operator)) {
      for (const [key, value] of Object.entries(block)) {
        if (requiresPresence(value) && presenceScopes(key.toLowerCase())) {
          return true;
        }
      }
      continue;
    }
    if (!isNarrowingOperator(operator) || /^Bool$/i.test(operator)) {
      continue;
    }
    for (const [key, value] of Object.entries(block)) {
      const values = stringList(value);
      if (
        keyMatches(key.toLowerCase()) &&
        values.length > 0 &&
        !values.includes("*") &&
        valueOk(key, values)
      ) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Whether a statement's conditions limit who can use it (source account/VPC/ARN, principal
 * organisation, caller account, ...), by value or by requiring a key that only AWS services
 * acting for a resource carry (`Null` { "aws:SourceArn": "false" }). aws:SecureTransport or a condition with `*` or an
 * `...IfExists` operator does not; a source IP range of /0 does not.
 */
export function limitsCallers(condition: Statement["condition"]): boolean {
  return narrowsWith(
    condition,
    (key) => CALLER_KEYS.includes(key),
    (key, values) =>
      key.toLowerCase() !== "aws:sourceip" || values.every((v) => !/\/0$/.test(v.trim())),
    (key) => SERVICE_CALLER_KEYS.includes(key),
  );
}

/**
 * Condition keys that limit which resources a statement reaches (tags, account, calling service),
 * by value or by presence (`Null` "false" on a tag key: only tagged resources or requests; on
 * `kms:ViaService`: only calls an AWS service makes).
 */
export function limitsResources(condition: Statement["condition"]): boolean {
  return narrowsWith(
    condition,
    (key) =>
      /(^|:)(resourcetag|requesttag)\//.test(key) ||
      /:viaservice$/.test(key) ||
      [
        "aws:resourceaccount",
        "aws:resourceorgid",
        "aws:resourceorgpaths",
        "kms:calleraccount",
      ].includes(key),
    () => true,
    // Only resources (or requests) that carry the tag; only calls made through an AWS service.
    (key) => /(^|:)(resourcetag|requesttag)\/./.test(key) || /:viaservice$/.test(key),
  );
}

/**
 * Whether a statement's conditions pin the owner of the resources it reaches (the resource's
 * account or organisation), by value: `aws:ResourceAccount`, `s3:ResourceAccount`,
 * `aws:ResourceOrgID`, `aws:ResourceOrgPaths`.
 */
export function limitsResourceOwner(condition: Statement["condition"]): boolean {
  return narrowsWith(condition, (key) =>
    [
      "aws:resourceaccount",
      "s3:resourceaccount",
      "aws:resourceorgid",
      "aws:resourceorgpaths",
    ].includes(key),
  );
}

/**
 * Condition keys that end in `:<suffix>` with a narrowing operator and a non-`*` value. Presence
 * (`Null`) does not count: the keys asked for here (an OIDC token's `sub`, `aud`) are always present.
 */
export function conditionKeyNarrowed(condition: Statement["condition"], suffix: string): boolean {
  return narrowsWith(condition, (key) => key.endsWith(`:${suffix.toLowerCase()}`));
}

/** Whether a Bool/String condition pins `key` to `value` (e.g. aws:SecureTransport = false). */
export function conditionPins(
  condition: Statement["condition"],
  key: string,
  value: string,
): boolean {
  for (const [operator, block] of Object.entries(condition)) {
    if (!/^(Bool|StringEquals|StringEqualsIgnoreCase)$/i.test(operator)) {
      continue;
    }
    for (const [k, v] of Object.entries(block)) {
      const values = Array.isArray(v) ? v : [v];
      if (
        k.toLowerCase() === key.toLowerCase() &&
        values.some((x) => String(x).toLowerCase() === value)
      ) {
        return true;
      }
    }
  }
  return false;
}

/** Managed policies that grant administrator or administrator-equivalent power. */
export const ADMIN_EQUIVALENT_POLICIES = [
  "AdministratorAccess",
  "AdministratorAccess-Amplify",
  "AdministratorAccess-AWSElasticBeanstalk",
  "IAMFullAccess",
  "PowerUserAccess",
  "AWSOrganizationsFullAccess",
] as const;

/** The AWS-managed policy name in an ARN (`arn:aws:iam::aws:policy/job-function/X` -> `X`). */
export function awsManagedPolicyName(arn: string): string | undefined {
  const m =
    /^arn:aws[a-z-]*:iam::aws:policy\/(?:[A-Za-z0-9+=,.@_-]+\/)*([A-Za-z0-9+=,.@_-]+)$/.exec(arn);
  return m?.[1];
}

/**
 * An Allow statement of a resource or trust policy that reaches anyone: Principal `*` (or
 * `{AWS: "*"}`) or NotPrincipal ("everyone but"), without a condition that limits the callers.
 */
export function grantsPublicly(s: Statement): boolean {
  const open =
    isPublicPrincipal(s.principal) || (s.notPrincipal !== undefined && s.notPrincipal !== null);
  return s.allow && open && !limitsCallers(s.condition);
}
