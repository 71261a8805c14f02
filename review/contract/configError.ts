/**
 * How a program tells the reviewer that its configuration, not its code, is wrong: it fails with
 * an error whose `reviewPhase` property is `"config"`. The reviewer then reports a config error
 * (exit 2, phase "config") with the error's message as written, without a source location, so the
 * message can name every bad key, its value and the fix. Any other error is a program error.
 *
 * A program need not import this module; setting the property is the whole contract.
 */
export const CONFIG_ERROR_PHASE = "config";

export interface ConfigErrorMark {
  readonly reviewPhase: typeof CONFIG_ERROR_PHASE;
}

export function isConfigError(err: unknown): boolean {
  return (
    !!err &&
    typeof err === "object" &&
    (err as { reviewPhase?: unknown }).reviewPhase === CONFIG_ERROR_PHASE
  );
}
