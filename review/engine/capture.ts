import type { StackReferenceSources } from "./stackReferences";

/** One resource registration as the mock engine recorded it (serialized, JSON-safe). */
export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly custom: boolean;
  readonly id?: string;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** `<provider urn>::<provider id>` when explicit or inherited from a parent. */
  readonly provider?: string;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  readonly additionalSecretOutputs: string[];
  readonly ignoreChanges: string[];
  readonly deleteBeforeReplace?: boolean;
  readonly aliases: string[];
  readonly customTimeouts?: { create?: number; update?: number; delete?: number };
  /** Inputs in Pulumi's serialized form (secret wrappers kept). */
  readonly inputs: Record<string, unknown>;
  /** Outputs the engine returned, serialized. For components: the registered outputs. */
  outputs: Record<string, unknown>;
}

/** What evaluating a program yields, passed from the evaluation process to the reviewer. */
export interface EvaluationResult {
  readonly project: string;
  readonly stack: string;
  readonly resources: CapturedResource[];
  readonly stackOutputs: Record<string, unknown>;
  readonly error?: { readonly phase: "config" | "program"; readonly message: string };
  /** StackReferences the program read that this review could not answer (it then failed). */
  readonly missingStackReferences?: string[];
  readonly timingsMs: Record<string, number>;
}

export interface EvaluationRequest {
  readonly programDir: string;
  /** Absolute path of the entry module. */
  readonly main: string;
  readonly project: string;
  readonly stack: string;
  readonly organization: string;
  /** Full keys (`ns:key`) to string values, as Pulumi passes config to a program. */
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
  readonly awsAccountId: string;
  /** Outputs of other stacks, for the program's StackReference reads. */
  readonly stackReferences?: StackReferenceSources;
}
