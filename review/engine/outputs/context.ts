/** What a computed-output rule knows about the resource and the stack. */
export interface OutputContext {
  readonly type: string;
  /** Logical name given in the program. */
  readonly name: string;
  readonly urn: string;
  /** Inputs with secrets unwrapped and resource references replaced by their id or URN. */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly stack: string;
  readonly project: string;
  /** `aws:region` of the stack (or the explicit provider's), default us-east-1. */
  readonly awsRegion: string;
  /** The account id the offline review pretends to deploy into. */
  readonly awsAccountId: string;
  readonly gcpProject: string;
  readonly gcpRegion: string;
}

/** Computed outputs of one resource: its id and the state the provider would return. */
export interface ComputedState {
  readonly id: string;
  /** Provider-computed fields; merged over the inputs. */
  readonly state: Record<string, unknown>;
  /** Output fields the provider marks secret (beyond additionalSecretOutputs). */
  readonly secretOutputs?: readonly string[];
}

export type OutputRule = (ctx: OutputContext) => ComputedState;

export function input(ctx: OutputContext, key: string): unknown {
  return ctx.inputs[key];
}

export function inputString(ctx: OutputContext, key: string): string | undefined {
  const v = ctx.inputs[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}
