import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { CapturedResource } from "../engine/capture";
import type { PolicyPackConfig } from "./config";

export interface StackContext {
  readonly stack: string;
  readonly project: string;
  readonly organization: string;
  /** The stack's raw config (all namespaces), for default-provider properties and ConfigureStack. */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  /** The stack's policy configuration (under `--policy-config-key`), applied to every pack. */
  readonly policyConfig: PolicyPackConfig;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function options(r: CapturedResource): analyzer.AnalyzerResourceOptions {
  const o = new analyzer.AnalyzerResourceOptions();
  o.setProtect(r.protect);
  o.setIgnorechangesList(r.ignoreChanges);
  o.setDeletebeforereplace(r.deleteBeforeReplace ?? false);
  o.setDeletebeforereplacedefined(r.deleteBeforeReplace !== undefined);
  o.setAdditionalsecretoutputsList(r.additionalSecretOutputs);
  o.setAliasesList(r.aliases);
  if (r.customTimeouts) {
    const t = new analyzer.AnalyzerResourceOptions.CustomTimeouts();
    t.setCreate(r.customTimeouts.create ?? 0);
    t.setUpdate(r.customTimeouts.update ?? 0);
    t.setDelete(r.customTimeouts.delete ?? 0);
    o.setCustomtimeouts(t);
  }
  if (r.parent) {
    o.setParent(r.parent);
  }
  return o;
}

/** The setters AnalyzeRequest and AnalyzerResource have in common. */
interface DescribedMessage {
  setType(v: string): unknown;
  setName(v: string): unknown;
  setUrn(v: string): unknown;
  setProperties(v: Struct): unknown;
  setOptions(v: analyzer.AnalyzerResourceOptions): unknown;
  setProvider(v: analyzer.AnalyzerProviderResource): unknown;
}

/**
 * A Struct of `value` that converts back to JavaScript once: `@pulumi/policy`'s server converts a
 * request's properties for every policy it runs (then copies them, so no policy sees another's
 * objects); with the kit's packs in this process, they all share one conversion per request.
 */
function struct(value: Record<string, unknown>): Struct {
  const s = Struct.fromJavaScript(value as never);
  const convert = s.toJavaScript.bind(s);
  let converted: ReturnType<Struct["toJavaScript"]> | undefined;
  s.toJavaScript = () => (converted ??= convert());
  return s;
}

/**
 * One analyzer request, built once for every pack: pack processes get its bytes (serialized on
 * first use, once), packs loaded in the reviewer's process get the message itself.
 */
export class PackRequest {
  private serialized: Buffer | undefined;

  constructor(readonly message: { serializeBinary(): Uint8Array }) {}

  get bytes(): Buffer {
    return (this.serialized ??= Buffer.from(this.message.serializeBinary()));
  }
}

/**
 * Builds the analyzer requests of one stack, built once and sent to every pack.
 * Resources are added in registration order (a provider registers before the resources that
 * use it), so a resource's explicit provider is always known when its Analyze request is built.
 */
export class RequestBuilder {
  private readonly byUrn = new Map<string, CapturedResource>();
  private readonly defaultProviders = new Map<string, analyzer.AnalyzerProviderResource>();

  constructor(private readonly ctx: StackContext) {}

  /** Whether the engine sends this resource to the analyzers (every resource but the stack). */
  static analyzed(r: CapturedResource): boolean {
    return r.type !== "pulumi:pulumi:Stack";
  }

  /**
   * Knows these resources without analyzing them: providers a stack export holds (default
   * providers), given as the `provider` of the resources that use them, as the engine does.
   */
  remember(resources: readonly CapturedResource[]): void {
    resources.forEach((r) => this.byUrn.set(r.urn, r));
  }

  /** Records a registered resource and returns its Analyze request (type, name, URN, inputs, options, provider). */
  analyze(r: CapturedResource): PackRequest {
    this.byUrn.set(r.urn, r);
    return new PackRequest(this.describe(new analyzer.AnalyzeRequest(), r, r.inputs));
  }

  /** The AnalyzeStack request: every resource's outputs, with options, parent and dependencies. */
  stack(resources: readonly CapturedResource[]): PackRequest {
    for (const r of resources) {
      this.byUrn.set(r.urn, r);
    }
    const stack = new analyzer.AnalyzeStackRequest();
    stack.setResourcesList(
      resources.filter(RequestBuilder.analyzed).map((r) => {
        const ar = this.describe(new analyzer.AnalyzerResource(), r, r.outputs);
        if (r.parent) {
          ar.setParent(r.parent);
        }
        ar.setDependenciesList(r.dependencies);
        for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
          const deps = new analyzer.AnalyzerPropertyDependencies();
          deps.setUrnsList(urns);
          ar.getPropertydependenciesMap().set(prop, deps);
        }
        return ar;
      }),
    );
    return new PackRequest(stack);
  }

  /** Fills what an Analyze request and a stack's resource share: identity, properties, options, provider. */
  private describe<M extends DescribedMessage>(
    message: M,
    r: CapturedResource,
    properties: Record<string, unknown>,
  ): M {
    message.setType(r.type);
    message.setName(r.name);
    message.setUrn(r.urn);
    message.setProperties(struct(properties));
    message.setOptions(options(r));
    const provider = this.providerFor(r);
    if (provider) {
      message.setProvider(provider);
    }
    return message;
  }

  /** The provider the engine would attach: the explicit one, or the package's default provider. */
  private providerFor(r: CapturedResource): analyzer.AnalyzerProviderResource | undefined {
    const p = new analyzer.AnalyzerProviderResource();
    if (r.provider) {
      const urn = r.provider.split("::").slice(0, -1).join("::");
      const explicit = this.byUrn.get(urn);
      if (explicit) {
        p.setType(explicit.type);
        p.setName(explicit.name);
        p.setUrn(explicit.urn);
        p.setProperties(struct(explicit.inputs));
        return p;
      }
    }
    const pkg = r.type.split(":")[0] ?? "";
    if (!r.custom || pkg === "pulumi" || pkg === "") {
      return undefined;
    }
    const known = this.defaultProviders.get(pkg);
    if (known) {
      return known;
    }
    const props: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.ctx.config)) {
      if (key.startsWith(`${pkg}:`) && !this.ctx.secretKeys.includes(key)) {
        props[key.slice(pkg.length + 1)] = tryJson(value);
      }
    }
    p.setType(`pulumi:providers:${pkg}`);
    p.setName("default");
    p.setUrn(`urn:pulumi:${this.ctx.stack}::${this.ctx.project}::pulumi:providers:${pkg}::default`);
    p.setProperties(struct(props));
    this.defaultProviders.set(pkg, p);
    return p;
  }
}
