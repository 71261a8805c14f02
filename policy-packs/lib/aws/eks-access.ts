/**
 * EKS access: which access-policy associations grant cluster-wide administration, and which
 * principals a stack marks break-glass (the tag `enclave:break-glass: "true"` on the principal's
 * IAM role or user, or on its access entry).
 */
import type { PolicyResource } from "@pulumi/policy";
import { get, isRecord, str } from "../props";
import { tryRead, UNKNOWN } from "../stack";

/** EKS access policies that administer the whole cluster when scoped to it. */
export const ADMIN_ACCESS_POLICIES = ["AmazonEKSClusterAdminPolicy", "AmazonEKSAdminPolicy"];

export const BREAK_GLASS_TAG = "enclave:break-glass";

/** `arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy` -> the policy's name. */
export function accessPolicyName(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:eks::aws:cluster-access-policy\/([A-Za-z0-9]+)$/.exec(arn)?.[1];
}

/** Whether a resource's tags (or tagsAll) carry enclave:break-glass = true. */
export function markedBreakGlass(props: PolicyResource["props"]): boolean {
  return [props.tags, props.tagsAll].some(
    (tags) => isRecord(tags) && String(tags[BREAK_GLASS_TAG]).toLowerCase() === "true",
  );
}

/** The ARN property that names the principal of each resource type the stack may hold. */
const PRINCIPAL_PROP: Readonly<Record<string, string>> = {
  "aws:eks/accessEntry:AccessEntry": "principalArn",
  "aws:iam/role:Role": "arn",
  "aws:iam/user:User": "arn",
};

export interface BreakGlassMarks {
  /** Principal ARNs marked break-glass by a role, user or access entry of the stack. */
  readonly arns: Set<string>;
  /** URNs of the marked resources (for references through propertyDependencies). */
  readonly urns: Set<string>;
  /** True when a resource's mark or ARN is unknown (a preview): it could mark any principal. */
  readonly uncertain: boolean;
}

export function breakGlassMarks(resources: readonly PolicyResource[]): BreakGlassMarks {
  const arns = new Set<string>();
  const urns = new Set<string>();
  let uncertain = false;
  for (const r of resources) {
    const prop = PRINCIPAL_PROP[r.type];
    if (prop === undefined) {
      continue;
    }
    const read = tryRead(() =>
      markedBreakGlass(r.props) ? (str(get(r.props, prop)) ?? null) : undefined,
    );
    if (read === UNKNOWN) {
      uncertain = true;
    } else if (read !== undefined) {
      urns.add(r.urn);
      if (read !== null) {
        arns.add(read);
      }
    }
  }
  return { arns, urns, uncertain };
}
