/** Pulumi URNs, as the engine builds and parses them. */

export interface ParsedUrn {
  readonly stack: string;
  readonly project: string;
  /** Parent types and the type, joined by `$`. */
  readonly qualifiedType: string;
  /** The resource's own type: the qualified type's last `$` segment. */
  readonly type: string;
  readonly name: string;
}

/**
 * Splits `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. The name is everything after the
 * third `::` (names may themselves contain `::`), as in the engine's own URN parser. Returns undefined
 * for anything that is not a Pulumi URN.
 */
export function parseUrn(urn: string): ParsedUrn | undefined {
  const prefix = "urn:pulumi:";
  if (!urn.startsWith(prefix)) {
    return undefined;
  }
  const parts = urn.slice(prefix.length).split("::");
  if (parts.length < 4) {
    return undefined;
  }
  const [stack, project, qualifiedType] = parts as [string, string, string];
  const name = parts.slice(3).join("::");
  const segments = qualifiedType.split("$");
  return { stack, project, qualifiedType, type: segments[segments.length - 1]!, name };
}
