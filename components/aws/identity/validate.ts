import type { WorkloadRoleArgs } from "./args";

const K8S_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Problems with a workload role's arguments, each naming the arg, the value and the fix. */
export function validateWorkloadRoleArgs(name: string, args: WorkloadRoleArgs): string[] {
  const problems: string[] = [];
  if (!K8S_NAME.test(args.namespace) || args.namespace.length > 63) {
    problems.push(
      `WorkloadRole ${name}: namespace "${args.namespace}" is not a Kubernetes namespace name. Fix: use a DNS label`,
    );
  }
  if (
    !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(args.serviceAccountName) ||
    args.serviceAccountName.length > 253
  ) {
    problems.push(
      `WorkloadRole ${name}: serviceAccountName "${args.serviceAccountName}" is not a Kubernetes name. Fix: use lower-case letters, digits, - and .`,
    );
  }
  if (args.statements.length === 0 && (args.managedPolicyArns ?? []).length === 0) {
    problems.push(
      `WorkloadRole ${name}: no permissions were given. Fix: pass statements, or bind the service account with access "none" so no role is created`,
    );
  }
  if (
    args.path !== undefined &&
    (!/^\/([A-Za-z0-9+=,.@_-]+\/)*$/.test(args.path) || args.path.length > 512)
  ) {
    problems.push(
      `WorkloadRole ${name}: path "${args.path}" is not an IAM path. Fix: use /segment/.../ with letters, digits and +=,.@_-`,
    );
  }
  for (const s of args.statements) {
    const actions = typeof s.Action === "string" ? [s.Action] : s.Action;
    if (s.Effect === "Allow" && actions.some((a) => a === "*" || a.endsWith(":*"))) {
      problems.push(
        `WorkloadRole ${name}: statement "${s.Sid}" allows a wildcard action. Fix: list the actions the workload needs`,
      );
    }
    if (s.Effect === "Allow" && s.Resource === "*") {
      problems.push(
        `WorkloadRole ${name}: statement "${s.Sid}" applies to every resource. Fix: name the bucket, key or secret`,
      );
    }
  }
  return problems;
}
