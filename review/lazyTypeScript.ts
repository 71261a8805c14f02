import Module = require("module");
import * as path from "path";

/**
 * `@pulumi/pulumi` requires the TypeScript compiler (9 MB) as soon as it loads, for closure
 * serialization (`pulumi.runtime.serializeFunction`), which neither policy packs nor the
 * offline engine's usual programs ever call. Loading it costs about 0.4 s of CPU in every pack
 * process and in the evaluation process. This puts a stand-in for the SDK's `typescript` in the
 * module cache that loads the real compiler on first use (any property read, `in`, or key
 * listing), so a program that does serialize a function still gets the real thing.
 *
 * Call it before the SDK loads. `pulumiRoot` is the folder of the `@pulumi/pulumi` package whose
 * `require("typescript")` is deferred. Returns false, changing nothing, when TypeScript is not
 * resolvable from there or is already loaded.
 */
export function deferTypeScript(pulumiRoot: string): boolean {
  let resolved: string;
  try {
    resolved = require.resolve("typescript", { paths: [pulumiRoot] });
  } catch {
    return false;
  }
  if (require.cache[resolved]) {
    return false;
  }
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      delete require.cache[resolved];
      real = require(resolved) as object;
    }
    return real;
  };
  const standIn = new Module(resolved, module);
  standIn.filename = resolved;
  standIn.paths = [path.join(path.dirname(resolved), "node_modules")];
  standIn.loaded = true;
  // Module loaders probe a CommonJS module's exports for a "module.exports" export (ES-module
  // interop, e.g. tsx's loader). TypeScript's exports have no such key; answering that needs no load.
  const probe = (key: string | symbol) => !real && key === "module.exports";
  standIn.exports = new Proxy(
    {},
    {
      get: (_, key) => (probe(key) ? undefined : (Reflect.get(load(), key) as unknown)),
      has: (_, key) => !probe(key) && Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = probe(key) ? undefined : Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor ? { ...descriptor, configurable: true } : undefined;
      },
    },
  );
  require.cache[resolved] = standIn;
  return true;
}
