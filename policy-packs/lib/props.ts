/**
 * Defensive readers for resource property bags. Policies see inputs that may be partial (a
 * resource created with few arguments) or, during a preview, unknown: the SDK's proxy throws
 * UnknownValueError when an unknown value is read, and definePolicy turns that into "not
 * applicable" rather than a crash. These helpers never throw on missing or mistyped data.
 */
export type Props = Readonly<Record<string, unknown>>;

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Reads a dotted path with numeric segments for arrays: `get(p, "vpcConfig.endpointPublicAccess")`. */
export function get(obj: unknown, path: string): unknown {
  let node: unknown = obj;
  for (const segment of path.split(".")) {
    if (node === null || node === undefined) {
      return undefined;
    }
    if (Array.isArray(node)) {
      const i = Number(segment);
      node = Number.isInteger(i) ? node[i] : undefined;
    } else if (typeof node === "object") {
      node = (node as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return node;
}

export function str(x: unknown): string | undefined {
  return typeof x === "string" ? x : undefined;
}

export function num(x: unknown): number | undefined {
  if (typeof x === "number" && Number.isFinite(x)) {
    return x;
  }
  if (typeof x === "string" && x.trim() !== "" && Number.isFinite(Number(x))) {
    return Number(x);
  }
  return undefined;
}

/** Booleans as providers accept them: true/false, and the strings "true"/"false". */
export function bool(x: unknown): boolean | undefined {
  if (typeof x === "boolean") {
    return x;
  }
  if (x === "true") {
    return true;
  }
  if (x === "false") {
    return false;
  }
  return undefined;
}

export function arr(x: unknown): readonly unknown[] {
  return Array.isArray(x) ? x : [];
}

export function rec(x: unknown): Readonly<Record<string, unknown>> {
  return isRecord(x) ? x : {};
}

export function strings(x: unknown): string[] {
  return arr(x).filter((v): v is string => typeof v === "string");
}

/** Parses a JSON document given as a string or already an object (IAM and key policies). */
export function jsonDoc(x: unknown): Record<string, unknown> | undefined {
  if (isRecord(x)) {
    return x;
  }
  if (typeof x !== "string") {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(x);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
