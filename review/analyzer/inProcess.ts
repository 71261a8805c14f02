import Module = require("module");
import * as path from "path";
import { deferClosureSerializationModules } from "../lazyModules";

/** A unary handler as `@pulumi/policy`'s server registers it with grpc-js. */
export type Handler = (
  call: { request: unknown },
  callback: (err: Error | null | undefined, res?: unknown) => void,
) => unknown;

/** The analyzer service of one pack: the very handlers its `@pulumi/policy` server would serve. */
export type Handlers = Readonly<Record<string, Handler>>;

/**
 * Loads one of enclave's own (transpiled) packs into this process and returns the analyzer
 * handlers its `PolicyPack` registers, without the gRPC transport: the pack's code and
 * `@pulumi/policy`'s server functions (configure, analyze, analyzeStack, ...) are exactly those
 * the Pulumi CLI runs, but requests reach them as messages rather than bytes over a socket, so
 * the four kit packs share one copy of the SDK and one decoding of each request.
 *
 * Each pack gets its own instance of `@pulumi/policy` (the server keeps the pack's configuration
 * in module state), so packs never see each other's levels. `@pulumi/pulumi` is shared.
 */
export function loadPackHandlers(packDir: string): Handlers {
  const dir = path.resolve(packDir);
  const policyRoot = path.dirname(require.resolve("@pulumi/policy/package.json", { paths: [dir] }));
  const serverFile = path.join(policyRoot, "server.js");
  try {
    deferClosureSerializationModules(
      path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [dir] })),
    );
  } catch {
    // The pack cannot resolve the SDK; loading it below reports that.
  }
  const fresh = (key: string) =>
    key.startsWith(`${policyRoot}${path.sep}`) || key.startsWith(`${dir}${path.sep}`);
  Object.keys(require.cache)
    .filter(fresh)
    .forEach((k) => delete require.cache[k]);

  let handlers: Handlers | undefined;
  class CapturingServer {
    addService(_service: unknown, implementation: Handlers): void {
      handlers = implementation;
    }
    // Never binds: the reviewer calls the handlers directly.
    bindAsync(): void {}
  }
  const proto = Module.prototype as unknown as { require: (id: string) => unknown };
  const original = proto.require;
  proto.require = function (this: { filename?: string }, id: string) {
    const loaded = original.call(this, id);
    if (id === "@grpc/grpc-js" && this.filename === serverFile) {
      return { ...(loaded as object), Server: CapturingServer };
    }
    return loaded;
  };
  const cwd = process.cwd();
  try {
    // The runner makes the pack's folder the working directory (PolicyPack reads its version
    // from ./package.json) and loads its package entry.
    process.chdir(dir);
    require(dir);
  } finally {
    process.chdir(cwd);
    proto.require = original;
    Object.keys(require.cache)
      .filter(fresh)
      .forEach((k) => delete require.cache[k]);
  }
  if (!handlers) {
    throw new Error(`the pack in ${dir} defined no PolicyPack.`);
  }
  return handlers;
}
