import { arr, isRecord, jsonDoc, str, strings, type Props } from "../props";

/** One role granted to members, as an IAM member, binding or policy resource declares it. */
export interface Grant {
  readonly role: string | undefined;
  readonly members: readonly string[];
  /** Where in the inputs, for messages: `member`, `members`, `policyData.bindings[2]`. */
  readonly where: string;
}

/**
 * The grants of any `*IAMMember` (role + member), `*IAMBinding` (role + members) or `*IAMPolicy`
 * (policyData: a JSON document of bindings) resource of the gcp provider.
 */
export function iamGrants(props: Props): Grant[] {
  const role = str(props.role);
  const grants: Grant[] = [];
  const member = str(props.member);
  if (member !== undefined) {
    grants.push({ role, members: [member], where: "member" });
  }
  if (Array.isArray(props.members)) {
    grants.push({ role, members: strings(props.members), where: "members" });
  }
  const policy = jsonDoc(props.policyData);
  if (policy) {
    arr(policy.bindings).forEach((b, i) => {
      if (isRecord(b)) {
        grants.push({
          role: str(b.role),
          members: strings(b.members),
          where: `policyData.bindings[${i}]`,
        });
      }
    });
  }
  return grants;
}

/** Principals that stand for everyone: anonymous users, or anyone with a Google account. */
export const PUBLIC_PRINCIPALS = ["allUsers", "allAuthenticatedUsers"] as const;

export function isPublicPrincipal(member: string): boolean {
  const m = member.trim().toLowerCase();
  return PUBLIC_PRINCIPALS.some((p) => p.toLowerCase() === m);
}

export function publicMembers(grant: Grant): string[] {
  return grant.members.filter(isPublicPrincipal);
}
