import { stackPolicy } from "../../lib/define";
import { forEachKnown, tryRead, UNKNOWN } from "../../lib/stack";
import {
  globMatch,
  isPublicPrincipal,
  principalsOfKind,
  statements,
  stringList,
  type Statement,
} from "../../lib/aws/iam";
import { BUCKET_TYPES, S3_SIDE, bucketName, logBuckets, sideResources } from "../../lib/aws/s3";
import { listing } from "../../lib/aws/common";

interface Config {
  readonly allowedPrincipalPatterns: readonly string[];
}

/** Keys that name the caller: a Deny unless the caller is one of these is a principal perimeter. */
const PRINCIPAL_KEYS = ["aws:principalarn", "aws:userid"];
/** Negated operators: the Deny applies to everyone the values do not name. */
const NEGATED = /^(ArnNotLike|ArnNotEquals|StringNotLike|StringNotEquals)(IfExists)?$/i;
/** Extra conditions a perimeter may carry without ceasing to be one (AWS services acting for it). */
const SERVICE_EXEMPTIONS = ["aws:principalisawsservice", "aws:viaawsservice"];

/** An exemption that admits every principal of an account (or of every account). */
function admitsWholeAccount(value: string): boolean {
  if (value.trim() === "*") {
    return true;
  }
  const parts = value.split(":");
  if (parts[0] !== "arn" || parts.length < 6) {
    return false;
  }
  const account = parts[4] ?? "";
  const resource = parts.slice(5).join(":");
  return account.includes("*") || /^((role|user|assumed-role)\/)?\*$/.test(resource);
}

/** The principals a Deny statement exempts, when it is a perimeter; undefined when it is not. */
function exemptions(s: Statement, objectProbe: string | undefined): string[] | undefined {
  if (!s.deny) {
    return undefined;
  }
  const coversRead = s.notActions
    ? !s.notActions.some((a) => globMatch(a, "s3:GetObject"))
    : s.actions.some((a) => a === "*" || globMatch(a, "s3:GetObject"));
  const coversObjects = s.notResources
    ? false
    : s.resources.some(
        (r) =>
          r === "*" ||
          (objectProbe === undefined ? r.endsWith("*") : globMatch(bucketName(r), objectProbe)),
      );
  if (!coversRead || !coversObjects) {
    return undefined;
  }
  // Deny with NotPrincipal: everyone but the named principals.
  if (s.notPrincipal !== undefined && s.notPrincipal !== null) {
    const named = principalsOfKind(s.notPrincipal, "AWS");
    return named.length > 0 && Object.keys(s.condition).length === 0 ? named : undefined;
  }
  if (!isPublicPrincipal(s.principal)) {
    return undefined;
  }
  const values: string[] = [];
  for (const [operator, block] of Object.entries(s.condition)) {
    for (const [key, value] of Object.entries(block)) {
      const k = key.toLowerCase();
      if (PRINCIPAL_KEYS.includes(k) && NEGATED.test(operator)) {
        values.push(...stringList(value));
      } else if (!SERVICE_EXEMPTIONS.includes(k)) {
        return undefined; // the Deny applies only under another condition: not a perimeter
      }
    }
  }
  return values.length > 0 ? values : undefined;
}

export default stackPolicy<Config>({
  name: "aws-s3-bucket-enforce-principal-perimeter",
  description:
    'Every S3 bucket that holds data (any bucket that no access log, load balancer log, flow log or trail writes to) must have a bucket policy that denies every S3 action, to Principal "*", unless aws:PrincipalArn is one of the principals that use the bucket. Identity policies alone let any principal of the account with broad S3 and KMS rights read the data.',
  severity: "high",
  remediation:
    'Add to the bucket policy { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { ArnNotLike: { "aws:PrincipalArn": [workload role ARNs or role/<path>* patterns, administrators, break-glass, the deploying principal] } } }. Name roles, never a whole account.',
  controls: { nist: ["AC-3", "AC-6", "SC-7"] },
  concern: "least-privilege",
  resourceTypes: BUCKET_TYPES,
  configSchema: {
    properties: {
      allowedPrincipalPatterns: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          "Glob patterns (IAM ArnLike syntax) the perimeter's exempted principals must fall within, e.g. arn:aws:iam::111122223333:role/enclave/*. Empty: any exemption short of a whole account.",
      },
    },
  },
  check(resources, report, config) {
    const logs = logBuckets(resources);
    const allowed = Array.isArray(config.allowedPrincipalPatterns)
      ? config.allowedPrincipalPatterns.filter((p): p is string => typeof p === "string")
      : [];
    forEachKnown([...sideResources(resources, S3_SIDE.policy)], ([bucket, join]) => {
      if (logs.urns.has(bucket.urn) || logs.uncertain) {
        return;
      }
      if (join.related.length === 0 && join.uncertain) {
        return;
      }
      const docs =
        join.related.length > 0 ? join.related.map((p) => p.props.policy) : [bucket.props.policy];
      const name = tryRead(() => bucket.props.bucket);
      const probe = typeof name === "string" && name !== "" ? `${name}/object` : undefined;
      const perimeters = docs
        .flatMap((d) => statements(d))
        .map((s) => ({ s, exempt: exemptions(s, name === UNKNOWN ? undefined : probe) }))
        .filter((p): p is { s: Statement; exempt: string[] } => p.exempt !== undefined);
      if (perimeters.length === 0) {
        report(
          `Bucket "${bucket.name}" holds data but its policy has no principal perimeter. Add a Deny of s3:* to Principal "*" with ArnNotLike aws:PrincipalArn naming the roles that use it.`,
          bucket.urn,
        );
        return;
      }
      for (const { s, exempt } of perimeters) {
        const wide = exempt.filter(admitsWholeAccount);
        if (wide.length > 0) {
          report(
            `Bucket "${bucket.name}" perimeter ${s.label} exempts ${listing(wide)}, which admits every principal of an account. Name the roles instead.`,
            bucket.urn,
          );
        }
        const outside =
          allowed.length > 0
            ? exempt.filter((v) => !wide.includes(v) && !allowed.some((a) => globMatch(a, v)))
            : [];
        if (outside.length > 0) {
          report(
            `Bucket "${bucket.name}" perimeter ${s.label} exempts ${listing(outside)}, outside allowedPrincipalPatterns (${listing(allowed)}). Remove them or widen the parameter.`,
            bucket.urn,
          );
        }
      }
    });
  },
});
