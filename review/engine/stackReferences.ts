import { MASK, secret, SIG, SECRET_SIG } from "./serialized";

/**
 * StackReferences answered offline. A program's `new pulumi.StackReference(name)` is a read of a
 * `pulumi:pulumi:StackReference` resource whose id is the referenced stack; the engine answers it
 * with that stack's outputs, secrets kept as secrets. Offline, the outputs come from the
 * referenced stack's own run in this review (`--all`), or from a file (`--stack-outputs
 * NAME=FILE`); otherwise the read fails naming the stack. Nothing is ever invented.
 */
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

export interface StackReferenceSources {
  /** Stack (or reference) name -> its outputs, serialized (secret wrappers kept). */
  readonly outputs: Readonly<Record<string, Record<string, unknown>>>;
  /** Stacks of this run that could not be evaluated: their outputs are unknown. */
  readonly failed: readonly string[];
  /** Where each name's outputs came from, for messages (`--stack-outputs FILE`, `this run`). */
  readonly origins?: Readonly<Record<string, string>>;
}

/** Why a StackReference could not be answered, and the name it read. */
export class MissingStackReferenceError extends Error {
  constructor(
    readonly reference: string,
    message: string,
  ) {
    super(message);
    this.name = "MissingStackReferenceError";
  }
}

/**
 * The names a reference may be known under: as written; and, when it is `project/stack` or
 * `org/project/stack` of this program's project, the bare stack (offline there is one
 * organisation, so the org part is not compared).
 */
export function referenceNames(reference: string, project: string): string[] {
  const parts = reference.split("/");
  const names = [reference];
  if (parts.length >= 2 && parts[parts.length - 2] === project) {
    names.push(parts[parts.length - 1]!);
  }
  return names;
}

function isSecretValue(v: unknown): boolean {
  return (
    v !== null &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    (v as Record<string, unknown>)[SIG] === SECRET_SIG
  );
}

/** The top-level outputs held as secrets. */
export function secretOutputNames(outputs: Record<string, unknown>): string[] {
  return Object.keys(outputs).filter((k) => isSecretValue(outputs[k]));
}

/**
 * Outputs as `pulumi stack output --json` prints them (and as `--outputs FILE` writes them): plain
 * JSON, every secret as "[secret]". Those stay secrets (with the mask as their value).
 */
export function outputsFromJson(json: unknown, file: string): Record<string, unknown> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new Error(
      `${file} is not a JSON object of stack outputs. Fix: write it with \`npm run review -- --stack NAME --outputs ${file}\` or \`pulumi stack output --json > ${file}\`.`,
    );
  }
  return Object.fromEntries(
    Object.entries(json as Record<string, unknown>).map(([k, v]) => [
      k,
      v === MASK ? secret(v) : v,
    ]),
  );
}

/** The read's answer: the StackReference's state, or a MissingStackReferenceError. */
export function answerStackReference(
  reference: string,
  sources: StackReferenceSources,
  ctx: { readonly project: string; readonly stack: string },
): Record<string, unknown> {
  const names = referenceNames(reference, ctx.project);
  const known = names.find((n) => sources.outputs[n] !== undefined);
  if (known !== undefined) {
    const outputs = sources.outputs[known]!;
    return { name: reference, outputs, secretOutputNames: secretOutputNames(outputs) };
  }
  const stack = names[names.length - 1]!;
  if (names.some((n) => sources.failed.includes(n))) {
    throw new MissingStackReferenceError(
      reference,
      `stack ${ctx.stack} reads StackReference "${reference}", and stack ${stack} could not be evaluated in this run, so its outputs are unknown (the reviewer never invents them). Fix: fix ${stack} first (its error is reported above), then review again.`,
    );
  }
  throw new MissingStackReferenceError(
    reference,
    `stack ${ctx.stack} reads StackReference "${reference}", whose outputs this offline review does not have (the reviewer never invents them). Fix: review ${stack} in the same run (\`npm run review -- --all\`), or pass --stack-outputs ${reference}=FILE (a JSON of its outputs: \`npm run review -- --stack ${stack} --outputs FILE\`, or \`pulumi stack output --json\` of the deployed stack).`,
  );
}
