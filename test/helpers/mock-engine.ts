import * as pulumi from "@pulumi/pulumi";
import { answerRead } from "../../review/engine/reads";
import { computeOutputs } from "../../review/engine/outputs";

/**
 * The one mock-engine harness of the component and stack tests: Pulumi mocks whose computed
 * outputs come from the offline reviewer's engine (review/engine/outputs/, the one place that
 * computes mock outputs), a recorder of every registration with its inputs, state and resource
 * options, and a runner that waits until everything registered has resolved.
 */

/** Provider inputs and outputs are deep, loosely typed bags; tests read them by path. */
export type Loose = any;

export const PROJECT = "enclave";
export const STACK = "test";

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  /** The physical id the mock assigned, or the id a `.get()` read. */
  readonly id?: string;
  /** Inputs exactly as the engine received them (secret values stay in their envelope). */
  readonly inputs: Record<string, Loose>;
  readonly state: Record<string, Loose>;
  /** Set for `.get()` reads of existing objects. */
  readonly read: boolean;
  protect?: boolean;
  retainOnDelete?: boolean;
  parentName?: string;
  dependsOn?: string[];
}

export interface MockEngineOptions {
  readonly awsRegion?: string;
  readonly awsAccountId?: string;
  /** Answers an invoke; throw for one the tests do not expect. */
  readonly call: (token: string, args: Record<string, Loose>) => Record<string, Loose>;
  /**
   * State a test pins on top of the engine's outputs (a known Service address, an operator's
   * existing Secret); sees the engine's state, returns the fields to replace.
   */
  readonly pin?: (resource: RecordedResource) => Record<string, Loose> | undefined;
}

/** Every registration in order; per `type::name`, the entries the engine has not answered yet. */
const recorded: RecordedResource[] = [];
const pending = new Map<string, RecordedResource[]>();
/** The same entries in the order the engine answered them. */
const answered: RecordedResource[] = [];
const calls: string[] = [];

function record(entry: RecordedResource): RecordedResource {
  recorded.push(entry);
  return entry;
}

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

/** Inputs as the engine's output rules read them: secret values unwrapped. */
function unwrapped(value: Loose): Loose {
  if (Array.isArray(value)) {
    return value.map(unwrapped);
  }
  if (value && typeof value === "object") {
    if (SECRET_SIG_KEY in value) {
      return unwrapped(value.value);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapped(v)]));
  }
  return value;
}

/** Installs the mocks (await in beforeAll, before importing anything that creates resources). */
export async function setMockEngine(options: MockEngineOptions): Promise<void> {
  const awsRegion = options.awsRegion ?? "us-east-1";
  const awsAccountId = options.awsAccountId ?? "123456789012";
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const read = args.id !== undefined && args.id !== "";
        const key = `${args.type}::${args.name}`;
        const computed = computeOutputs({
          type: args.type,
          name: args.name,
          urn: `urn:pulumi:${STACK}::${PROJECT}::${args.type}::${args.name}`,
          inputs: unwrapped(args.inputs),
          stack: STACK,
          project: PROJECT,
          awsRegion,
          awsAccountId,
          gcpProject: "enclave-test",
          gcpRegion: "europe-west1",
        });
        const id = read ? args.id! : computed.id;
        // The stack transformation saw it first (with its options), unless it is the stack itself.
        const entry = Object.assign(pending.get(key)?.shift() ?? record({} as RecordedResource), {
          type: args.type,
          name: args.name,
          id,
          inputs: args.inputs,
          // A read answers what its id says, as the reviewer does (review/engine/reads.ts).
          state: { ...args.inputs, ...computed.state, ...(read ? answerRead(args.type, id) : {}) },
          read,
        });
        Object.assign(entry.state, options.pin?.(entry) ?? {});
        answered.push(entry);
        return { id, state: entry.state };
      },
      call(args) {
        calls.push(args.token);
        return options.call(args.token, args.inputs);
      },
    },
    PROJECT,
    STACK,
    false,
  );
}

/**
 * Runs `program` as a stack, capturing resource options through a stack transformation, and
 * waits until every resource it registered (and those their registration created) has resolved.
 */
export async function runProgram<T>(program: () => T): Promise<{
  result: T;
  /** In the order the program created them. */
  resources: RecordedResource[];
  /** In the order the engine registered them (after their inputs resolved). */
  registered: RecordedResource[];
  calls: string[];
}> {
  recorded.length = 0;
  pending.clear();
  answered.length = 0;
  calls.length = 0;
  const created: pulumi.Resource[] = [];
  let result!: T;
  await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation((args) => {
      created.push(args.resource);
      const key = `${args.type}::${args.name}`;
      const entry = record({
        type: args.type,
        name: args.name,
        inputs: {},
        state: {},
        read: false,
      });
      pending.set(key, [...(pending.get(key) ?? []), entry]);
      entry.protect = args.opts.protect === true;
      entry.retainOnDelete = args.opts.retainOnDelete === true;
      entry.parentName = (args.opts.parent as unknown as { __name?: string } | undefined)?.__name;
      entry.dependsOn = ([] as unknown[])
        .concat(args.opts.dependsOn ?? [])
        .map((d) => (d as { __name?: string }).__name ?? "?");
      return undefined;
    });
    result = program();
    return {};
  });
  let settled = 0;
  while (settled < created.length) {
    const batch = created.slice(settled);
    settled = created.length;
    await Promise.all(batch.map((r) => new Promise((done) => r.urn.apply(done))));
  }
  await new Promise((done) => setTimeout(done, 0));
  return { result, resources: [...recorded], registered: [...answered], calls: [...calls] };
}

/** Resolves an Output (or plain value) in a test. */
export function resolve<T>(value: pulumi.Input<T> | undefined): Promise<T> {
  return new Promise((done) => pulumi.output(value as pulumi.Input<T>).apply((v) => done(v as T)));
}
