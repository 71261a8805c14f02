/** Where identity policies (what a principal may do) live on IAM resources. */
import type { Props } from "../props";
import { arr, get, str } from "../props";
import { statements, type Statement } from "./iam";

export const IDENTITY_POLICY_TYPES = [
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
  "aws:iam/role:Role",
] as const;

export interface LocatedStatement extends Statement {
  /** `policy` or `inlinePolicies[0] ("name")`, for messages. */
  readonly where: string;
}

/** Every statement of the identity policies a resource carries (Role: its inline policies). */
export function identityStatements(type: string, props: Props): LocatedStatement[] {
  if (type === "aws:iam/role:Role") {
    return arr(props.inlinePolicies).flatMap((p, i) => {
      const name = str(get(p, "name"));
      const where = `inlinePolicies[${i}]${name ? ` ("${name}")` : ""}`;
      return statements(get(p, "policy")).map((s) => ({ ...s, where }));
    });
  }
  return statements(props.policy).map((s) => ({ ...s, where: "policy" }));
}
