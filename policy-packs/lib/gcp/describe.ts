/** Compliance ids and value phrasing shared by enclave's GCP policies. */

/** CIS Google Kubernetes Engine (GKE) Benchmark v1.9.0 (kube-bench cfg/gke-1.9.0). */
export function cisGke(...ids: string[]): string[] {
  return ids.map((id) => `CIS GKE 1.9.0 ${id}`);
}

/** CIS Google Cloud Platform Foundation Benchmark v4.0.0. */
export function cisGcp(...ids: string[]): string[] {
  return ids.map((id) => `CIS GCP 4.0.0 ${id}`);
}

/** A property value as a message shows it: `not set`, `false`, `"inherited"`. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) {
    return "not set";
  }
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  return "not a valid value";
}

/** Seconds of a Google duration string such as `"7776000s"` or `"86400.5s"`; undefined if malformed. */
export function durationSeconds(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d{1,9})?)s\s*$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

export const SECONDS_PER_DAY = 86_400;

/** `7776000` → `90 days`, `129600` → `1.5 days`. */
export function days(seconds: number): string {
  const d = Math.round((seconds / SECONDS_PER_DAY) * 100) / 100;
  return `${d} ${d === 1 ? "day" : "days"}`;
}
