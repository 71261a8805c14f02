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
  /** The stack's policy configuration (`enclave:policy`), applied to every pack. */
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

const asBuffer = (message: { serializeBinary(): Uint8Array }): Buffer => Buffer.from(message.serializeBinary());

/**
 * Builds the analyzer requests of one stack, serialized once and sent as bytes to every pack.
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

  /** Records a registered resource and returns its Analyze request (type, name, URN, inputs, options, provider). */
  analyze(r: CapturedResource): Buffer {
    this.byUrn.set(r.urn, r);
    const req = new analyzer.AnalyzeRequest();
    req.setType(r.type);
    req.setName(r.name);
    req.setUrn(r.urn);
    req.setProperties(Struct.fromJavaScript(r.inputs as never));
    req.setOptions(options(r));
    const provider = this.providerFor(r);
    if (provider) {
      req.setProvider(provider);
    }
    return asBuffer(req);
  }

  /** The AnalyzeStack request: every resource's outputs, with options, parent and dependencies. */
  stack(resources: readonly CapturedResource[]): Buffer {
    for (const r of resources) {
      this.byUrn.set(r.urn, r);
    }
    const stack = new analyzer.AnalyzeStackRequest();
    stack.setResourcesList(
      resources.filter(RequestBuilder.analyzed).map((r) => {
        const ar = new analyzer.AnalyzerResource();
        ar.setType(r.type);
        ar.setName(r.name);
        ar.setUrn(r.urn);
        ar.setProperties(Struct.fromJavaScript(r.outputs as never));
        ar.setOptions(options(r));
        const provider = this.providerFor(r);
        if (provider) {
          ar.setProvider(provider);
        }
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
    return asBuffer(stack);
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
        p.setProperties(Struct.fromJavaScript(explicit.inputs as never));
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
    p.setProperties(Struct.fromJavaScript(props as never));
    this.defaultProviders.set(pkg, p);
    return p;
  }
}
