import * as fs from "fs";
import * as path from "path";
import type { CapturedResource } from "../engine/capture";
import { forAnalyzer, SECRET_SIG, SIG } from "../engine/serialized";
import { placeholderFor } from "../stackConfig";
import { parseUrn } from "../urn";
import { STATE_VERSION, stackExportSchema, type StateResource } from "./schema";

/** A stack export the reviewer cannot read; the message names the file, the problem and the fix. */
export class StateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateError";
  }
}

/** What a stack export holds, in the form the mock engine records a program's registrations. */
export interface StateEvaluation {
  readonly file: string;
  readonly project: string;
  readonly stack: string;
  /** Every live resource but the default providers, in the export's (dependency) order. */
  readonly resources: CapturedResource[];
  /** Default providers (`pulumi:providers:<pkg>::default…`): given as `provider`, never analyzed. */
  readonly defaultProviders: CapturedResource[];
  /** The root stack's outputs. */
  readonly stackOutputs: Record<string, unknown>;
  /** Where each secret of the export was (`<urn> inputs.<path>`), now a placeholder. */
  readonly secrets: string[];
}

const EXPORT_FIX =
  "Fix: give the file `pulumi stack export --file FILE` wrote, unedited (run it again if it failed).";

function describePath(p: readonly PropertyKey[]): string {
  return p
    .map((k, i) => (typeof k === "number" ? `[${k}]` : `${i === 0 ? "" : "."}${String(k)}`))
    .join("");
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Replaces every secret of the export (`{ <sig>: <secret sig>, ciphertext | plaintext }`) by a
 * secret holding a placeholder, as `secure:` config is: the packs see a placeholder, the reports
 * "[secret]", and neither the ciphertext nor the plaintext goes further.
 */
function withPlaceholders(value: unknown, where: string, found: string[]): unknown {
  if (Array.isArray(value)) {
    return value.map((v, i) => withPlaceholders(v, `${where}[${i}]`, found));
  }
  if (!isObject(value)) {
    return value;
  }
  if (value[SIG] === SECRET_SIG) {
    found.push(where);
    return { [SIG]: SECRET_SIG, value: placeholderFor(where) };
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, withPlaceholders(v, `${where}.${k}`, found)]),
  );
}

function isDefaultProvider(type: string, name: string): boolean {
  return (
    type.startsWith("pulumi:providers:") && (name === "default" || name.startsWith("default_"))
  );
}

function seconds(v: number | undefined): number | undefined {
  return v === undefined || v === 0 ? undefined : v;
}

function captured(r: StateResource, name: string, secrets: string[]): CapturedResource {
  const props = (where: "inputs" | "outputs") =>
    forAnalyzer(withPlaceholders(r[where] ?? {}, `${r.urn} ${where}`, secrets)) as Record<
      string,
      unknown
    >;
  const timeouts = r.customTimeouts;
  return {
    urn: r.urn,
    type: r.type,
    name,
    ...(r.parent ? { parent: r.parent } : {}),
    custom: r.custom ?? false,
    ...(r.custom && r.id !== undefined ? { id: r.id } : {}),
    protect: r.protect ?? false,
    retainOnDelete: r.retainOnDelete ?? false,
    ...(r.provider ? { provider: r.provider } : {}),
    dependencies: r.dependencies ?? [],
    propertyDependencies: r.propertyDependencies ?? {},
    additionalSecretOutputs: r.additionalSecretOutputs ?? [],
    ignoreChanges: r.ignoreChanges ?? [],
    // State keeps aliases as URNs (or alias specs, which the analyzer protocol cannot carry).
    aliases: (r.aliases ?? []).filter((a): a is string => typeof a === "string"),
    ...(timeouts && (timeouts.create || timeouts.update || timeouts.delete)
      ? {
          customTimeouts: {
            create: seconds(timeouts.create),
            update: seconds(timeouts.update),
            delete: seconds(timeouts.delete),
          },
        }
      : {}),
    inputs: props("inputs"),
    outputs: props("outputs"),
  };
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new StateError(
      `--state ${file} is not valid JSON (${(e as Error).message}). A stack export is the JSON document \`pulumi stack export\` prints. ${EXPORT_FIX}`,
    );
  }
}

/** Reads and checks a `pulumi stack export` (version 3) and returns its resources for review. */
export function readStackExport(fileArg: string): StateEvaluation {
  const file = path.resolve(fileArg);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new StateError(
      `--state ${fileArg}: no such file. Fix: write the export with \`pulumi stack export --stack NAME --file ${fileArg}\`, or give the path of an existing export.`,
    );
  }
  const text = fs.readFileSync(file, "utf8");
  if (text.trim() === "") {
    throw new StateError(
      `--state ${fileArg} is empty: a stack export is a JSON document with "version" and "deployment". ${EXPORT_FIX}`,
    );
  }
  const doc = parseJson(fileArg, text);
  if (!isObject(doc) || !("deployment" in doc)) {
    throw new StateError(
      `--state ${fileArg} is not a stack export: it has no "deployment" object (a stack export is \`{ "version": 3, "deployment": { "resources": [...] } }\`). ${EXPORT_FIX}`,
    );
  }
  if (doc["version"] !== STATE_VERSION) {
    throw new StateError(
      `--state ${fileArg} holds a deployment of version ${JSON.stringify(doc["version"] ?? null)}; the reviewer reads version ${STATE_VERSION} only, what \`pulumi stack export\` writes with the Pulumi CLI 3.x. Fix: export the stack again with a Pulumi 3.x CLI (\`pulumi stack export --file FILE\`).`,
    );
  }
  const parsed = stackExportSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = describePath(issue.path.slice(0, issue.path.length - 1));
    const field = String(issue.path[issue.path.length - 1] ?? "");
    const what = /^has /.test(issue.message)
      ? `${where} ${issue.message}`
      : `${describePath(issue.path)}: ${issue.message}`;
    throw new StateError(
      `--state ${fileArg}: ${what || field}. Every resource of a stack export needs a "urn" and a "type" (strings), and its fields their exported types. ${EXPORT_FIX}`,
    );
  }
  const live = (parsed.data.deployment.resources ?? []).filter((r) => r.delete !== true);
  if (live.length === 0) {
    throw new StateError(
      `--state ${fileArg} holds no resources (the stack was never deployed, or was destroyed): there is nothing to review, and an empty review would pass. Fix: export the stack after \`pulumi up\`.`,
    );
  }
  const secrets: string[] = [];
  const resources: CapturedResource[] = [];
  const defaultProviders: CapturedResource[] = [];
  let identity: { stack: string; project: string } | undefined;
  for (const [i, r] of live.entries()) {
    const urn = parseUrn(r.urn);
    if (!urn) {
      throw new StateError(
        `--state ${fileArg}: deployment.resources[${i}].urn ${JSON.stringify(r.urn)} is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>). ${EXPORT_FIX}`,
      );
    }
    identity ??= { stack: urn.stack, project: urn.project };
    const resource = captured(r, urn.name, secrets);
    (isDefaultProvider(r.type, urn.name) ? defaultProviders : resources).push(resource);
  }
  const root = resources.find((r) => r.type === "pulumi:pulumi:Stack");
  return {
    file,
    ...identity!,
    resources,
    defaultProviders,
    stackOutputs: root?.outputs ?? {},
    secrets,
  };
}
