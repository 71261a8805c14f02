import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { BinaryReader } from "google-protobuf";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { CapturedResource } from "../engine/capture";
import type { Level, PackDescription, PolicyDescription, Severity, Violation } from "../model";
import { resolvePolicyConfig, type PolicyPackConfig } from "./config";

const LEVEL_OF: Record<number, Level> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const LEVEL_NUM: Record<Level, analyzer.EnforcementLevel> = {
  advisory: analyzer.EnforcementLevel.ADVISORY,
  mandatory: analyzer.EnforcementLevel.MANDATORY,
  disabled: analyzer.EnforcementLevel.DISABLED,
  remediate: analyzer.EnforcementLevel.REMEDIATE,
};
const SEVERITY_OF: Record<number, Severity> = { 0: "unspecified", 1: "low", 2: "medium", 3: "high", 4: "critical" };

type Unary<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown;

function call<Req, Res>(fn: Unary<Req, Res>, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => fn(req, (err, res) => (err ? reject(err) : resolve(res))));
}

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

export interface PackAnalysis {
  readonly pack: PackDescription;
  readonly violations: Violation[];
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

/** The provider the engine would attach: the explicit one, or the package's default provider. */
function providerFor(r: CapturedResource, byUrn: Map<string, CapturedResource>, ctx: StackContext): analyzer.AnalyzerProviderResource | undefined {
  const p = new analyzer.AnalyzerProviderResource();
  if (r.provider) {
    const urn = r.provider.split("::").slice(0, -1).join("::");
    const explicit = byUrn.get(urn);
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
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ctx.config)) {
    if (key.startsWith(`${pkg}:`) && !ctx.secretKeys.includes(key)) {
      props[key.slice(pkg.length + 1)] = tryJson(value);
    }
  }
  p.setType(`pulumi:providers:${pkg}`);
  p.setName("default");
  p.setUrn(`urn:pulumi:${ctx.stack}::${ctx.project}::pulumi:providers:${pkg}::default`);
  p.setProperties(Struct.fromJavaScript(props as never));
  return p;
}

function describePolicy(pack: string, info: analyzer.PolicyInfo, level: Level): PolicyDescription {
  const tags = info.getTagsList();
  const framework = info.getFramework();
  const nistFromTags = tags.filter((t) => t.startsWith("nist-800-53:")).map((t) => t.slice("nist-800-53:".length));
  const nistFromFramework =
    framework && /800-53/.test(framework.getName())
      ? framework.getReference().split(",").map((s) => s.trim()).filter(Boolean)
      : [];
  return {
    pack,
    name: info.getName(),
    description: info.getDescription(),
    severity: SEVERITY_OF[info.getSeverity()] ?? "unspecified",
    enforcementLevel: level,
    ...(info.getRemediationSteps() ? { remediation: info.getRemediationSteps() } : {}),
    ...(info.getUrl() ? { url: info.getUrl() } : {}),
    tags,
    nistControls: [...new Set([...nistFromTags, ...nistFromFramework])],
    cisControls: tags.filter((t) => t.startsWith("cis:")).map((t) => t.slice(4)),
    kind: info.getPolicyType() === analyzer.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

/** The Analyze and AnalyzeStack requests of one stack, serialized once and sent to every pack. */
export interface PreparedRequests {
  readonly analyze: readonly { readonly urn: string; readonly bytes: Buffer }[];
  readonly stack: Buffer;
}

/** `AnalyzeResponse.diagnostics` is field 2 (pulumi/proto/pulumi/analyzer.proto). */
const ANALYZE_RESPONSE_DIAGNOSTICS = 2;

/**
 * Decodes only the diagnostics of an AnalyzeResponse. Its other field lists, for every resource,
 * each policy that did not apply to it (with a reason); the reports do not use it, and decoding
 * it cost the reviewer more than the rest of the response.
 */
export function decodeDiagnostics(buffer: Buffer): analyzer.AnalyzeDiagnostic[] {
  const reader = new BinaryReader(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  const diagnostics: analyzer.AnalyzeDiagnostic[] = [];
  while (reader.nextField()) {
    if (reader.isEndGroup()) {
      break;
    }
    if (reader.getFieldNumber() === ANALYZE_RESPONSE_DIAGNOSTICS) {
      const d = new analyzer.AnalyzeDiagnostic();
      reader.readMessage(d, analyzer.AnalyzeDiagnostic.deserializeBinaryFromReader);
      diagnostics.push(d);
    } else {
      reader.skipField();
    }
  }
  return diagnostics;
}

const asBuffer = (message: { serializeBinary(): Uint8Array }): Buffer => Buffer.from(message.serializeBinary());

export function prepareRequests(resources: readonly CapturedResource[], ctx: StackContext): PreparedRequests {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const analyzed = resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
  const analyze = analyzed.map((r) => {
    const req = new analyzer.AnalyzeRequest();
    req.setType(r.type);
    req.setName(r.name);
    req.setUrn(r.urn);
    req.setProperties(Struct.fromJavaScript(r.inputs as never));
    req.setOptions(options(r));
    const provider = providerFor(r, byUrn, ctx);
    if (provider) {
      req.setProvider(provider);
    }
    return { urn: r.urn, bytes: asBuffer(req) };
  });
  const stack = new analyzer.AnalyzeStackRequest();
  stack.setResourcesList(
    analyzed.map((r) => {
      const ar = new analyzer.AnalyzerResource();
      ar.setType(r.type);
      ar.setName(r.name);
      ar.setUrn(r.urn);
      ar.setProperties(Struct.fromJavaScript(r.outputs as never));
      ar.setOptions(options(r));
      const provider = providerFor(r, byUrn, ctx);
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
  return { analyze, stack: asBuffer(stack) };
}

/** A unary call with a request already serialized, keeping only the response's diagnostics. */
function callWithBytes(client: grpc.Client, method: string, bytes: Buffer): Promise<analyzer.AnalyzeDiagnostic[]> {
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest<Buffer, analyzer.AnalyzeDiagnostic[]>(method, (b) => b, decodeDiagnostics, bytes, (err, res) =>
      err ? reject(err) : resolve(res ?? []),
    ),
  );
}

/**
 * Speaks the CrossGuard analyzer protocol to one running pack, as the CLI does for an update:
 * GetAnalyzerInfo, ConfigureStack, Configure (levels and properties for every policy),
 * Analyze per resource (inputs), AnalyzeStack (outputs, with options and dependencies).
 */

export async function analyzeWithPack(
  address: string,
  directory: string,
  prepared: PreparedRequests,
  ctx: StackContext,
): Promise<PackAnalysis> {
  const client = new analyzerGrpc.AnalyzerClient(address, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": 256 * 1024 * 1024,
    "grpc.max_send_message_length": 256 * 1024 * 1024,
  });
  try {
    const info = await call<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo.bind(client), new Empty());
    const packName = info.getName();
    const packVersion = info.getVersion();

    const stackReq = new analyzer.AnalyzerStackConfigureRequest();
    stackReq.setStack(ctx.stack);
    stackReq.setProject(ctx.project);
    stackReq.setOrganization(ctx.organization);
    stackReq.setDryRun(false);
    for (const [k, v] of Object.entries(ctx.config)) {
      stackReq.getConfigMap().set(k, v);
    }
    stackReq.setConfigSecretKeysList([...ctx.secretKeys]);
    try {
      await call(client.configureStack.bind(client), stackReq);
    } catch (e) {
      if ((e as grpc.ServiceError).code !== grpc.status.UNIMPLEMENTED) {
        throw e;
      }
    }

    const initial: Record<string, unknown> = {};
    info.getInitialconfigMap().forEach((cfg, name) => {
      initial[name] = { enforcementLevel: LEVEL_OF[cfg.getEnforcementlevel()], ...(cfg.getProperties()?.toJavaScript() ?? {}) };
    });
    const configureReq = new analyzer.ConfigureAnalyzerRequest();
    const policies: PolicyDescription[] = [];
    for (const p of info.getPoliciesList()) {
      const resolved = resolvePolicyConfig(
        {
          name: p.getName(),
          level: LEVEL_OF[p.getEnforcementlevel()] ?? "advisory",
          schemaProperties: p.getConfigschema()?.getProperties()?.toJavaScript() ?? {},
        },
        initial,
        ctx.policyConfig,
      );
      const cfg = new analyzer.PolicyConfig();
      cfg.setEnforcementlevel(LEVEL_NUM[resolved.level]);
      cfg.setProperties(Struct.fromJavaScript(resolved.properties as never));
      configureReq.getPolicyconfigMap().set(p.getName(), cfg);
      policies.push(describePolicy(packName, p, resolved.level));
    }
    await call(client.configure.bind(client), configureReq);

    const violations: Violation[] = [];
    const collect = (diags: analyzer.AnalyzeDiagnostic[], fallbackUrn?: string) => {
      for (const d of diags) {
        const level = d.getEnforcementlevel();
        const urn = d.getUrn() || fallbackUrn;
        violations.push({
          pack: d.getPolicypackname() || packName,
          packVersion: d.getPolicypackversion() || packVersion,
          policy: d.getPolicyname(),
          severity: SEVERITY_OF[d.getSeverity()] ?? "unspecified",
          enforcementLevel: level === analyzer.EnforcementLevel.ADVISORY ? "advisory" : "mandatory",
          ...(urn ? { urn } : {}),
          // The SDK sends "<description>\n<message>"; keep the two apart for the reports.
          message: d.getDescription() && d.getMessage().startsWith(`${d.getDescription()}\n`)
            ? d.getMessage().slice(d.getDescription().length + 1)
            : d.getMessage(),
          ...(d.getDescription() ? { description: d.getDescription() } : {}),
        });
      }
    };

    await mapLimit(prepared.analyze, 32, async ({ urn, bytes }) => {
      collect(await callWithBytes(client, analyzerGrpc.AnalyzerService.analyze.path, bytes), urn);
    });
    collect(await callWithBytes(client, analyzerGrpc.AnalyzerService.analyzeStack.path, prepared.stack));

    return {
      pack: {
        name: packName,
        version: packVersion,
        ...(info.getDisplayname() ? { displayName: info.getDisplayname() } : {}),
        ...(info.getDescription() ? { description: info.getDescription() } : {}),
        directory,
        policies,
      },
      violations,
    };
  } finally {
    client.close();
  }
}
