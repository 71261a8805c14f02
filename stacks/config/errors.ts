import { formatValue } from "../../components/shared/problems";
import { CONFIG_ERROR_PHASE, type ConfigErrorMark } from "../../review/contract";

export { formatValue };

/** One problem with one stack-config key: what was given, what is wrong, how to fix it. */
export interface ConfigIssue {
  /** Full key with namespace and path inside it, e.g. `enclave:allowlist.users[1]`. */
  readonly key: string;
  /** The offending value as written in the stack file (`undefined` when the key is missing). */
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.key} = ${formatValue(issue.value)}: ${issue.problem}. Fix: ${issue.fix}.`;
}

/**
 * Thrown before any resource is registered when the stack configuration is invalid.
 * The message lists every problem at once, so one edit of the stack file can fix them all.
 * It carries the reviewer's config-error mark, so the offline review reports it as a config error.
 */
export class ConfigError extends Error implements ConfigErrorMark {
  readonly reviewPhase = CONFIG_ERROR_PHASE;
  constructor(
    readonly stack: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(
      [
        `Invalid configuration for stack "${stack}" (${issues.length} problem${issues.length === 1 ? "" : "s"}); nothing was created:`,
        ...issues.map((i) => `  - ${formatIssue(i)}`),
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}
