import Module = require("module");
import * as path from "path";

/**
 * Modules `@pulumi/pulumi` loads as soon as it loads, though only closure serialization
 * (`pulumi.runtime.serializeFunction`, `computeCodePaths`) uses them: neither policy packs nor
 * the offline engine's usual programs ever call it. Together they cost about 0.8 s of CPU in
 * every pack process and in the evaluation process.
 */
const DEFERRED: readonly { readonly id: string; readonly esModule: boolean }[] = [
  // The TypeScript compiler (9 MB), required plainly by runtime/closure/parseFunction.
  { id: "typescript", esModule: false },
  // npm's package-tree walker and its dependencies (pacote, sigstore, ...), imported only by
  // runtime/closure/codePaths through `__importStar`, which keeps a module flagged `__esModule`
  // as it is instead of copying every export (which would load it).
  { id: "@npmcli/arborist", esModule: true },
];

/**
 * Puts stand-ins for the SDK's closure-serialization dependencies in the module cache; each
 * loads the real module on first use (any property read other than the interop probes, `in`,
 * or key listing), so a program that does serialize a function still gets the real thing.
 *
 * Call it before the SDK loads. `pulumiRoot` is the folder of the `@pulumi/pulumi` package whose
 * requires are deferred. Returns the ids deferred: none that is not resolvable from there or is
 * already loaded.
 */
export function deferClosureSerializationModules(pulumiRoot: string): string[] {
  return DEFERRED.filter((m) => defer(pulumiRoot, m.id, m.esModule)).map((m) => m.id);
}

function defer(pulumiRoot: string, id: string, esModule: boolean): boolean {
  let resolved: string;
  try {
    resolved = require.resolve(id, { paths: [pulumiRoot] });
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
  // Answers that need no load while the real module is not there: the "module.exports" export
  // loaders probe for (ES-module interop, e.g. tsx's), which a CommonJS module does not have, and
  // `__esModule` for a module its importer only reaches through `__importStar`.
  const probe = (key: string | symbol): { answered: boolean; value?: unknown } => {
    if (real) {
      return { answered: false };
    }
    if (key === "module.exports") {
      return { answered: true, value: undefined };
    }
    if (esModule && key === "__esModule") {
      return { answered: true, value: true };
    }
    return { answered: false };
  };
  const standIn = new Module(resolved, module);
  standIn.filename = resolved;
  standIn.paths = [path.join(path.dirname(resolved), "node_modules")];
  standIn.loaded = true;
  standIn.exports = new Proxy(
    {},
    {
      get: (_, key) => {
        const p = probe(key);
        return p.answered ? p.value : (Reflect.get(load(), key) as unknown);
      },
      has: (_, key) => {
        const p = probe(key);
        return p.answered ? p.value !== undefined : Reflect.has(load(), key);
      },
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const p = probe(key);
        if (p.answered) {
          return p.value === undefined
            ? undefined
            : { value: p.value, writable: false, enumerable: false, configurable: true };
        }
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor ? { ...descriptor, configurable: true } : undefined;
      },
    },
  );
  require.cache[resolved] = standIn;
  return true;
}
