import type * as pulumi from "@pulumi/pulumi";
import { policyDocument, type PolicyDocument, type Statement } from "../shared/iam";
import type { KeyUser } from "./args";
import { ADMIN_ACTIONS } from "./defaults";

/**
 * A key policy that separates the two roles: administrators manage the key and cannot use it;
 * users use it (each statement scoped by its own conditions) and cannot manage it.
 */
export function keyPolicy(
  administrators: readonly pulumi.Input<string>[],
  users: readonly KeyUser[],
): PolicyDocument {
  const admin: Statement = {
    Sid: "KeyAdministration",
    Effect: "Allow",
    Principal: { AWS: [...administrators] },
    Action: [...ADMIN_ACTIONS],
    Resource: "*",
  };
  const use: Statement[] = users.map((u) => ({
    Sid: u.sid,
    Effect: "Allow",
    Principal: u.principal,
    Action: [...u.actions],
    Resource: "*",
    ...(u.conditions !== undefined ? { Condition: u.conditions } : {}),
  }));
  return policyDocument([admin, ...use]);
}
