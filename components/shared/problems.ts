/**
 * One problem with a component's arguments, on the argument's own path (`allowlist.admin[1]`,
 * `settings.database.caBundlePem`): what was given, what is wrong, how to fix it. Components
 * throw them as one ResourceError when used directly; stacks/config runs the same validators once
 * and maps each path to its config key.
 */
export interface Problem {
  readonly path: string;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
}

export function formatValue(value: unknown): string {
  if (value === undefined) {
    return "(not set)";
  }
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `<path> = <value>: <problem>. Fix: <fix>` */
export function formatProblem(p: Problem): string {
  return `${p.path} = ${formatValue(p.value)}: ${p.problem}. Fix: ${p.fix}`;
}

/** The same problems, on paths under `prefix` (a validator of a nested argument). */
export function under(prefix: string, problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, path: p.path === "" ? prefix : `${prefix}.${p.path}` }));
}
