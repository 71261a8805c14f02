import { DEFAULT_WAIVERS_KEY, waiversSchema } from "./contract";
import type { Violation, WaivedViolation, Waiver } from "./model";
import { parseUrn } from "./urn";

export interface WaiverOutcome {
  readonly violations: Violation[];
  readonly waived: WaivedViolation[];
  readonly expiredWaivers: Waiver[];
  readonly unusedWaivers: Waiver[];
}

export const WAIVER_EXPIRED_POLICY = "enclave-waiver-expired";

/** The waivers under `key` in a stack's raw config; throws a one-paragraph error if malformed. */
export function parseWaivers(raw: string | undefined, key = DEFAULT_WAIVERS_KEY): Waiver[] {
  if (raw === undefined) {
    return [];
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(`${key} must be a YAML list of { policy, resource, justification, expires }.`);
  }
  const parsed = waiversSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `${key} is invalid: ${parsed.error.issues.map((i) => `[${i.path.join(".")}] ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

/** Whether a waiver (by the resource's logical name or its URN) covers a finding. The one rule. */
export function waiverMatches(w: Waiver, v: Violation): boolean {
  return (
    w.policy === v.policy &&
    v.urn !== undefined &&
    (w.resource === v.urn || w.resource === parseUrn(v.urn)?.name)
  );
}

/** True when `today` (YYYY-MM-DD, UTC) is after the waiver's last day. */
export function isExpired(w: Waiver, today: string): boolean {
  return today > w.expires;
}

/**
 * Moves findings covered by a live waiver to `waived`. A finding whose waiver has expired stays a
 * violation, and the expired waiver itself becomes a mandatory violation on that resource.
 */
export function applyWaivers(
  violations: readonly Violation[],
  waivers: readonly Waiver[],
  today: string,
  key = DEFAULT_WAIVERS_KEY,
): WaiverOutcome {
  const out: WaiverOutcome = { violations: [], waived: [], expiredWaivers: [], unusedWaivers: [] };
  const used = new Set<Waiver>();
  for (const v of violations) {
    const waiver = waivers.find((w) => waiverMatches(w, v));
    if (!waiver) {
      out.violations.push(v);
      continue;
    }
    used.add(waiver);
    if (isExpired(waiver, today)) {
      out.violations.push(v);
    } else {
      out.waived.push({ ...v, waiver });
    }
  }
  for (const w of waivers) {
    if (isExpired(w, today)) {
      out.expiredWaivers.push(w);
      const finding = violations.find((v) => waiverMatches(w, v));
      out.violations.push({
        pack: "enclave-review",
        packVersion: "1",
        policy: WAIVER_EXPIRED_POLICY,
        severity: "high",
        enforcementLevel: "mandatory",
        ...(finding?.urn ? { urn: finding.urn } : {}),
        message: `The waiver of ${w.policy} for ${w.resource} expired on ${w.expires} ("${w.justification}"). Fix the finding, or renew the waiver with a new justification and expiry in ${key}.`,
      });
    } else if (!used.has(w)) {
      out.unusedWaivers.push(w);
    }
  }
  return out;
}
