/**
 * The strings a grant holds (principals, resource ARNs, conditions, members), and which tenant
 * each one points at: by the kit's naming scheme, or by equalling an identifier (ARN, id, name)
 * of a resource of the stack that carries a tenant's tag.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isRecord } from "../props";
import { tryRead, UNKNOWN } from "../stack";
import { ownerTenant } from "./tenant";

export interface Leaf {
  readonly text: string;
  /** Property path, e.g. `policy` or `inlinePolicies[0].policy`. */
  readonly where: string;
}

const looksLikeJson = (s: string) => /^\s*[[{]/.test(s);

/**
 * Every string under `value`. JSON documents given as strings are read as documents; an IAM
 * document's strings are labelled by statement (`policy, statement "Sid"`), other arrays by index.
 */
export function leaves(value: unknown, where: string, out: Leaf[] = [], depth = 0): Leaf[] {
  if (depth > 32) {
    return out;
  }
  if (typeof value === "string") {
    if (looksLikeJson(value)) {
      try {
        return leaves(JSON.parse(value) as unknown, where, out, depth + 1);
      } catch {
        // not JSON after all: judged as text
      }
    }
    out.push({ text: value, where });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => leaves(v, `${where}[${i}]`, out, depth + 1));
  } else if (isRecord(value)) {
    if (value.Statement !== undefined) {
      statementsOf(value.Statement).forEach((st, i) => {
        const sid = typeof st.Sid === "string" ? `"${st.Sid}"` : `${i + 1}`;
        textsIn(st, `${where}, statement ${sid}`, out, depth + 1);
      });
      return out;
    }
    for (const [k, v] of Object.entries(value)) {
      leaves(v, `${where}.${k}`, out, depth + 1);
    }
  }
  return out;
}

function statementsOf(x: unknown): Record<string, unknown>[] {
  return (Array.isArray(x) ? x : [x]).filter(isRecord);
}

/** The strings of a statement, all under one label (its keys and lists are its structure). */
function textsIn(value: unknown, where: string, out: Leaf[], depth: number): void {
  if (depth > 32) {
    return;
  }
  if (typeof value === "string") {
    out.push({ text: value, where });
  } else if (Array.isArray(value)) {
    value.forEach((v) => textsIn(v, where, out, depth + 1));
  } else if (isRecord(value)) {
    Object.values(value).forEach((v) => textsIn(v, where, out, depth + 1));
  }
}

/** Properties whose values identify a resource in another resource's policy or binding. */
const IDENTIFYING = ["arn", "id", "bucket", "name", "keyId", "email", "cryptoKeyId", "selfLink"];
/** Shorter values (`main`, `default`, `data`) would match by accident. */
const MIN_IDENTIFIER = 8;

export interface Owned {
  readonly tenant: string;
  readonly resource: PolicyResource;
}

/** Identifier -> the tenant's resource it names. */
export function identifierIndex(
  resources: readonly PolicyResource[],
  sharedNamespaces: readonly string[],
): Map<string, Owned> {
  const index = new Map<string, Owned>();
  for (const r of resources) {
    const tenant = tryRead(() => ownerTenant(r.type, r.props, sharedNamespaces));
    if (tenant === UNKNOWN || tenant === undefined) {
      continue;
    }
    for (const key of IDENTIFYING) {
      const v = tryRead(() => r.props[key]);
      if (typeof v === "string" && v.length >= MIN_IDENTIFIER && !index.has(v)) {
        index.set(v, { tenant, resource: r });
      }
    }
  }
  return index;
}

const BOUNDARY = /[^A-Za-z0-9_.-]/;

/** True when `id` occurs in `text` as a whole token (an ARN's suffix, a bucket in an S3 ARN). */
export function mentions(text: string, id: string): boolean {
  let at = text.indexOf(id);
  while (at >= 0) {
    const before = at === 0 ? "" : text[at - 1]!;
    const after = text[at + id.length] ?? "";
    if ((before === "" || BOUNDARY.test(before)) && (after === "" || BOUNDARY.test(after))) {
      return true;
    }
    at = text.indexOf(id, at + 1);
  }
  return false;
}

/** The tagged resources a string names, by identifier. */
export function namedResources(text: string, index: ReadonlyMap<string, Owned>): Owned[] {
  const found: Owned[] = [];
  for (const [id, owned] of index) {
    if (mentions(text, id)) {
      found.push(owned);
    }
  }
  return found;
}
