import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { BinaryReader } from "google-protobuf";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Level, PackDescription, PolicyDescription, Severity, Violation } from "../model";
import { resolvePolicyConfig } from "./config";
import { JudgedTally, type PackJudgement } from "./judged";
import type { Handlers } from "./inProcess";
import type { PackRequest, StackContext } from "./requests";

const LEVEL_OF: Record<number, Level> = {
  0: "advisory",
  1: "mandatory",
  2: "disabled",
  3: "remediate",
};
const LEVEL_NUM: Record<Level, analyzer.EnforcementLevel> = {
  advisory: analyzer.EnforcementLevel.ADVISORY,
  mandatory: analyzer.EnforcementLevel.MANDATORY,
  disabled: analyzer.EnforcementLevel.DISABLED,
  remediate: analyzer.EnforcementLevel.REMEDIATE,
};
const SEVERITY_OF: Record<number, Severity> = {
  0: "unspecified",
  1: "low",
  2: "medium",
  3: "high",
  4: "critical",
};

type Unary<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown;

function call<Req, Res>(fn: Unary<Req, Res>, req: Req): Promise<Res> {
  return new Promise((resolve, reject) =>
    fn(req, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

export interface PackAnalysis {
  readonly pack: PackDescription;
  readonly violations: Violation[];
  /** What each policy judged, from the not-applicable answers. */
  readonly judged: PackJudgement;
}

function describePolicy(pack: string, info: analyzer.PolicyInfo, level: Level): PolicyDescription {
  const tags = info.getTagsList();
  const framework = info.getFramework();
  const nistFromTags = tags
    .filter((t) => t.startsWith("nist-800-53:"))
    .map((t) => t.slice("nist-800-53:".length));
  const nistFromFramework =
    framework && /800-53/.test(framework.getName())
      ? framework
          .getReference()
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
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

/** Field numbers of pulumi/proto/pulumi/analyzer.proto. */
const ANALYZE_RESPONSE_DIAGNOSTICS = 2;
const ANALYZE_RESPONSE_NOT_APPLICABLE = 3;
const NOT_APPLICABLE_POLICY_NAME = 1;

/** What the reviewer reads of an AnalyzeResponse. */
export interface AnalyzeAnswer {
  readonly diagnostics: analyzer.AnalyzeDiagnostic[];
  /** The policy named by each not-applicable entry, one per entry, in order (repeats kept). */
  readonly notApplicable: string[];
}

function readNotApplicableName(reader: BinaryReader): string {
  let name = "";
  while (reader.nextField()) {
    if (reader.isEndGroup()) {
      break;
    }
    if (reader.getFieldNumber() === NOT_APPLICABLE_POLICY_NAME) {
      name = reader.readString();
    } else {
      // The reason: long for a policy over many types, and no report shows it.
      reader.skipField();
    }
  }
  return name;
}

/**
 * Decodes an AnalyzeResponse's diagnostics and the policy names of its not-applicable list (for
 * every resource, each policy that did not apply to it), skipping the reasons, whose decoding cost
 * the reviewer more than the rest of the response.
 */
export function decodeAnalyzeResponse(buffer: Buffer): AnalyzeAnswer {
  const reader = new BinaryReader(
    new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
  );
  const diagnostics: analyzer.AnalyzeDiagnostic[] = [];
  const notApplicable: string[] = [];
  while (reader.nextField()) {
    if (reader.isEndGroup()) {
      break;
    }
    const field = reader.getFieldNumber();
    if (field === ANALYZE_RESPONSE_DIAGNOSTICS) {
      const d = new analyzer.AnalyzeDiagnostic();
      reader.readMessage(d, analyzer.AnalyzeDiagnostic.deserializeBinaryFromReader);
      diagnostics.push(d);
    } else if (field === ANALYZE_RESPONSE_NOT_APPLICABLE) {
      reader.readMessage(notApplicable, (list: string[], r: BinaryReader) =>
        list.push(readNotApplicableName(r)),
      );
    } else {
      reader.skipField();
    }
  }
  return { diagnostics, notApplicable };
}

const NO_ANSWER: AnalyzeAnswer = { diagnostics: [], notApplicable: [] };

/** A unary call with a request already serialized, decoding the response as the reviewer needs. */
function callWithBytes(client: grpc.Client, method: string, bytes: Buffer): Promise<AnalyzeAnswer> {
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest<Buffer, AnalyzeAnswer>(
      method,
      (b) => b,
      decodeAnalyzeResponse,
      bytes,
      (err, res) => (err ? reject(err) : resolve(res ?? NO_ANSWER)),
    ),
  );
}

type ConfigMethod = "getAnalyzerInfo" | "configureStack" | "configure";

/**
 * How a session reaches its pack: a gRPC connection to a pack process (as the CLI), or the
 * handlers of a kit pack loaded in the reviewer's process (inProcess.ts), called with the same
 * request messages, unserialized.
 */
interface Transport {
  unary<Res>(method: ConfigMethod, request: unknown): Promise<Res>;
  analyze(method: "analyze" | "analyzeStack", request: PackRequest): Promise<AnalyzeAnswer>;
  close(): void;
}

/** Where a pack serves: the address of its process, or its handlers in this process. */
export type PackEndpoint = { readonly address: string } | { readonly handlers: Handlers };

function grpcTransport(address: string): Transport {
  const client = new analyzerGrpc.AnalyzerClient(address, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": 256 * 1024 * 1024,
    "grpc.max_send_message_length": 256 * 1024 * 1024,
  });
  return {
    unary: <Res>(method: ConfigMethod, request: unknown) =>
      call<unknown, Res>(client[method].bind(client) as unknown as Unary<unknown, Res>, request),
    analyze: (method, request) =>
      callWithBytes(client, analyzerGrpc.AnalyzerService[method].path, request.bytes),
    close: () => client.close(),
  };
}

function handlerTransport(handlers: Handlers): Transport {
  const invoke = <Res>(method: string, request: unknown): Promise<Res> =>
    new Promise((resolve, reject) => {
      const handler = handlers[method];
      if (!handler) {
        reject(
          Object.assign(new Error(`${method} is not implemented`), {
            code: grpc.status.UNIMPLEMENTED,
          }),
        );
        return;
      }
      void handler({ request }, (err, res) => (err ? reject(err) : resolve(res as Res)));
    });
  return {
    unary: invoke,
    analyze: async (method, request) => {
      const res = await invoke<analyzer.AnalyzeResponse | undefined>(method, request.message);
      return res
        ? {
            diagnostics: res.getDiagnosticsList(),
            notApplicable: res.getNotApplicableList().map((n) => n.getPolicyName()),
          }
        : NO_ANSWER;
    },
    close: () => undefined,
  };
}

/** Analyze calls one pack serves at once (the engine also calls concurrently). */
const IN_FLIGHT = 32;

/**
 * One stack's conversation with one running pack, as the CLI holds it during an update:
 * GetAnalyzerInfo, ConfigureStack, Configure (levels and properties for every policy), then
 * Analyze per resource (inputs) as resources register, then AnalyzeStack (outputs, with options
 * and dependencies).
 */
export class PackSession {
  private readonly violations: Violation[] = [];
  private readonly queue: { urn: string; request: PackRequest }[] = [];
  private inFlight = 0;
  private failure: Error | undefined;
  private closed = false;
  private idle: (() => void)[] = [];
  private readonly tally: JudgedTally;

  private constructor(
    private readonly client: Transport,
    private readonly pack: PackDescription,
  ) {
    this.tally = new JudgedTally(pack.policies);
  }

  /** Connects to the pack and configures it for the stack. */
  static async open(
    endpoint: PackEndpoint,
    directory: string,
    ctx: StackContext,
  ): Promise<PackSession> {
    const client =
      "address" in endpoint ? grpcTransport(endpoint.address) : handlerTransport(endpoint.handlers);
    try {
      const info = await client.unary<analyzer.AnalyzerInfo>("getAnalyzerInfo", new Empty());
      await configureStack(client, ctx);
      const policies = await configure(client, info, ctx);
      return new PackSession(client, {
        name: info.getName(),
        version: info.getVersion(),
        ...(info.getDisplayname() ? { displayName: info.getDisplayname() } : {}),
        ...(info.getDescription() ? { description: info.getDescription() } : {}),
        directory,
        policies,
      });
    } catch (e) {
      client.close();
      throw e;
    }
  }

  /** The folder the pack runs from. */
  get directory(): string {
    return this.pack.directory;
  }

  /** Queues one resource's Analyze request; failures surface from `finish`. */
  analyze(urn: string, request: PackRequest): void {
    if (this.closed) {
      return;
    }
    this.queue.push({ urn, request });
    this.pump();
  }

  /** Waits for every Analyze call, sends AnalyzeStack, and returns what the pack found. */
  async finish(stackRequest: PackRequest): Promise<PackAnalysis> {
    try {
      await new Promise<void>((resolve) => {
        this.idle.push(resolve);
        this.pump();
      });
      if (this.failure) {
        throw this.failure;
      }
      const answer = await this.client.analyze("analyzeStack", stackRequest);
      this.tally.stack(answer.notApplicable);
      this.collect(answer.diagnostics);
      return { pack: this.pack, violations: this.violations, judged: this.tally.result() };
    } finally {
      this.close();
    }
  }

  /** Drops what is still queued and closes the connection; later requests are ignored. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.client.close();
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT && this.queue.length > 0 && !this.failure && !this.closed) {
      const { urn, request } = this.queue.shift()!;
      this.inFlight++;
      this.client
        .analyze("analyze", request)
        .then(
          (answer) => {
            this.tally.resource(
              urn,
              answer.notApplicable,
              answer.diagnostics.map((d) => d.getPolicyname()),
            );
            this.collect(answer.diagnostics, urn);
          },
          (e: Error) => (this.failure ??= e),
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
    if (this.inFlight === 0 && (this.queue.length === 0 || this.failure)) {
      const waiting = this.idle;
      this.idle = [];
      waiting.forEach((resolve) => resolve());
    }
  }

  private collect(diags: analyzer.AnalyzeDiagnostic[], fallbackUrn?: string): void {
    for (const d of diags) {
      const level = d.getEnforcementlevel();
      const urn = d.getUrn() || fallbackUrn;
      this.violations.push({
        pack: d.getPolicypackname() || this.pack.name,
        packVersion: d.getPolicypackversion() || this.pack.version,
        policy: d.getPolicyname(),
        severity: SEVERITY_OF[d.getSeverity()] ?? "unspecified",
        enforcementLevel: level === analyzer.EnforcementLevel.ADVISORY ? "advisory" : "mandatory",
        ...(urn ? { urn } : {}),
        // The SDK sends "<description>\n<message>"; keep the two apart for the reports.
        message:
          d.getDescription() && d.getMessage().startsWith(`${d.getDescription()}\n`)
            ? d.getMessage().slice(d.getDescription().length + 1)
            : d.getMessage(),
        ...(d.getDescription() ? { description: d.getDescription() } : {}),
      });
    }
  }
}

async function configureStack(client: Transport, ctx: StackContext): Promise<void> {
  const req = new analyzer.AnalyzerStackConfigureRequest();
  req.setStack(ctx.stack);
  req.setProject(ctx.project);
  req.setOrganization(ctx.organization);
  req.setDryRun(false);
  for (const [k, v] of Object.entries(ctx.config)) {
    req.getConfigMap().set(k, v);
  }
  req.setConfigSecretKeysList([...ctx.secretKeys]);
  try {
    await client.unary("configureStack", req);
  } catch (e) {
    // Packs built on an older SDK do not know ConfigureStack; the CLI carries on too.
    if ((e as grpc.ServiceError).code !== grpc.status.UNIMPLEMENTED) {
      throw e;
    }
  }
}

/** Sends Configure with every policy's level and properties; returns the policies as configured. */
async function configure(
  client: Transport,
  info: analyzer.AnalyzerInfo,
  ctx: StackContext,
): Promise<PolicyDescription[]> {
  const initial: Record<string, unknown> = {};
  info.getInitialconfigMap().forEach((cfg, name) => {
    initial[name] = {
      enforcementLevel: LEVEL_OF[cfg.getEnforcementlevel()],
      ...(cfg.getProperties()?.toJavaScript() ?? {}),
    };
  });
  const req = new analyzer.ConfigureAnalyzerRequest();
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
    req.getPolicyconfigMap().set(p.getName(), cfg);
    policies.push(describePolicy(info.getName(), p, resolved.level));
  }
  await client.unary("configure", req);
  return policies;
}
