import type { CapturedResource } from "./capture";
import { answerInvoke, type InvokeContext } from "./invokes";
import { computeOutputs } from "./outputs";
import { answerRead } from "./reads";
import { forAnalyzer, jsonSafe, plain, secret } from "./serialized";
import {
  answerStackReference,
  MissingStackReferenceError,
  STACK_REFERENCE_TYPE,
  type StackReferenceSources,
} from "./stackReferences";

/** The pieces of a program's own @pulumi/pulumi copy the engine plugs into (resolved from the program). */
export interface PulumiRuntimeModules {
  readonly MockMonitor: new (mocks: unknown) => MockMonitorLike;
  readonly RegisterResourceResponse: new () => {
    setUrn(v: string): void;
    setId(v: string): void;
    setObject(v: unknown): void;
  };
  readonly Struct: { fromJavaScript(v: unknown): unknown };
}

interface MockMonitorLike {
  resources: Map<string, { urn: string; id: string | null; state: unknown }>;
  newUrn(parent: string, type: string, name: string): string;
  registerResourceOutputs(req: unknown, callback: (err: unknown, resp: unknown) => void): void;
}

interface StructLike {
  toJavaScript(): Record<string, unknown>;
}

/** The subset of RegisterResourceRequest the engine reads. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): StructLike | undefined;
  getProtect?(): boolean;
  getRetainondelete?(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void;
  };
  getAdditionalsecretoutputsList(): string[];
  getIgnorechangesList(): string[];
  getDeletebeforereplacedefined(): boolean;
  getDeletebeforereplace(): boolean;
  getAliasesList?(): unknown[];
  getCustomtimeouts():
    { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
  getImportid(): string;
}

export interface EngineContext extends InvokeContext {
  readonly stack: string;
  readonly project: string;
  /** Where StackReference reads are answered from; none: every such read fails, naming its stack. */
  readonly stackReferences?: StackReferenceSources;
}

function seconds(duration: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(duration.trim());
  if (!m) {
    return undefined;
  }
  const n = Number(m[1]);
  return { ms: n / 1000, s: n, m: n * 60, h: n * 3600 }[m[2] as "ms" | "s" | "m" | "h"];
}

/**
 * Builds a resource monitor that answers like an engine running a real update (no preview):
 * every registration is recorded with its options (and handed to `onRegistered` at once), and
 * outputs are computed per resource type so that references between resources resolve to
 * realistic values.
 */
export function createRecordingMonitor(
  modules: PulumiRuntimeModules,
  ctx: EngineContext,
  onRegistered: (record: CapturedResource) => void = () => undefined,
) {
  const captured: CapturedResource[] = [];
  /** StackReference reads that could not be answered (the program then fails). */
  const missingReferences: MissingStackReferenceError[] = [];
  const byUrn = new Map<string, CapturedResource>();

  const regionOf = (providerRef: string): string => {
    const providerUrn = providerRef.split("::").slice(0, -1).join("::");
    const provider = byUrn.get(providerUrn);
    const region = provider ? plain(provider.inputs["region"]) : undefined;
    return typeof region === "string" && region !== "" ? region : ctx.awsRegion;
  };

  const outputsFor = (
    type: string,
    name: string,
    urn: string,
    inputs: Record<string, unknown>,
    providerRef: string,
  ) =>
    computeOutputs({
      type,
      name,
      urn,
      inputs: plain(inputs) as Record<string, unknown>,
      stack: ctx.stack,
      project: ctx.project,
      awsRegion: type.startsWith("aws:") ? regionOf(providerRef) : ctx.awsRegion,
      awsAccountId: ctx.awsAccountId,
      gcpProject: ctx.gcpProject,
      gcpRegion: ctx.gcpRegion,
    });

  const mocks = {
    call: (args: { token: string; inputs: Record<string, unknown> }) =>
      answerInvoke(args.token, args.inputs, ctx),
    newResource: (args: {
      type: string;
      name: string;
      inputs: Record<string, unknown>;
      id?: string;
    }) => {
      if (args.type === STACK_REFERENCE_TYPE) {
        const reference = String(args.id || args.inputs["name"] || args.name);
        try {
          const state = answerStackReference(
            reference,
            ctx.stackReferences ?? { outputs: {}, failed: [] },
            ctx,
          );
          return { id: reference, state };
        } catch (e) {
          if (e instanceof MissingStackReferenceError) {
            missingReferences.push(e);
          }
          throw e;
        }
      }
      const read = answerRead(args.type, args.id);
      if (read) {
        return { id: args.id, state: { ...args.inputs, ...read } };
      }
      const computed = outputsFor(
        args.type,
        args.name,
        `read:${args.type}::${args.name}::${args.id ?? ""}`,
        args.inputs,
        "",
      );
      return { id: args.id ?? computed.id, state: { ...args.inputs, ...computed.state } };
    },
  };

  class RecordingMonitor extends modules.MockMonitor {
    /** URNs as the engine builds them: the root stack's type is not part of a child's type. */
    newUrn(parent: string, type: string, name: string): string {
      const parentType = parent ? (parent.split("::")[2] ?? "") : "";
      const qualified =
        parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
      return `urn:pulumi:${ctx.stack}::${ctx.project}::${qualified}::${name}`;
    }

    async registerResource(
      request: unknown,
      callback: (err: unknown, resp?: unknown) => void,
    ): Promise<void> {
      const req = request as RegisterRequest;
      try {
        const type = req.getType();
        const name = req.getName();
        const parent = req.getParent();
        const custom = req.getCustom();
        const urn = this.newUrn(parent, type, name);
        const inputs = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
        const additionalSecretOutputs = req.getAdditionalsecretoutputsList();

        let id = "";
        let state: Record<string, unknown> = {};
        if (custom) {
          const computed = outputsFor(type, name, urn, inputs, req.getProvider());
          id = req.getImportid() || computed.id;
          state = { ...inputs, ...(jsonSafe(computed.state) as Record<string, unknown>) };
          // Terraform-bridged providers (aws, gcp, random, ...) return the id among the outputs.
          if (!type.startsWith("kubernetes:") && !type.startsWith("pulumi:providers:")) {
            state["id"] = id;
          }
          for (const key of [...additionalSecretOutputs, ...(computed.secretOutputs ?? [])]) {
            if (key in state) {
              state[key] = secret(state[key]);
            }
          }
        }

        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
          propertyDependencies[key] = deps.getUrnsList();
        });
        const timeouts = req.getCustomtimeouts();
        const record: CapturedResource = {
          urn,
          type,
          name,
          ...(parent ? { parent } : {}),
          custom,
          ...(custom ? { id } : {}),
          protect: req.getProtect?.() ?? false,
          retainOnDelete: req.getRetainondelete?.() ?? false,
          ...(req.getProvider() ? { provider: req.getProvider() } : {}),
          dependencies: req.getDependenciesList(),
          propertyDependencies,
          additionalSecretOutputs,
          ignoreChanges: req.getIgnorechangesList(),
          ...(req.getDeletebeforereplacedefined()
            ? { deleteBeforeReplace: req.getDeletebeforereplace() }
            : {}),
          aliases: (req.getAliasesList?.() ?? []).filter((a): a is string => typeof a === "string"),
          ...(timeouts
            ? {
                customTimeouts: {
                  create: seconds(timeouts.getCreate()),
                  update: seconds(timeouts.getUpdate()),
                  delete: seconds(timeouts.getDelete()),
                },
              }
            : {}),
          inputs: forAnalyzer(inputs) as Record<string, unknown>,
          outputs: forAnalyzer(state) as Record<string, unknown>,
        };
        captured.push(record);
        byUrn.set(urn, record);
        onRegistered(record);
        this.resources.set(urn, { urn, id: custom ? id : null, state });

        const response = new modules.RegisterResourceResponse();
        response.setUrn(urn);
        response.setId(id);
        response.setObject(modules.Struct.fromJavaScript(state));
        callback(null, response);
      } catch (err) {
        callback(err, undefined);
      }
    }

    registerResourceOutputs(
      request: unknown,
      callback: (err: unknown, resp: unknown) => void,
    ): void {
      const req = request as { getUrn(): string; getOutputs(): StructLike | undefined };
      const record = byUrn.get(req.getUrn());
      if (record && !record.custom) {
        record.outputs = forAnalyzer(req.getOutputs()?.toJavaScript() ?? {}) as Record<
          string,
          unknown
        >;
      }
      super.registerResourceOutputs(request, callback);
    }
  }

  return { monitor: new RecordingMonitor(mocks), captured, missingReferences };
}
