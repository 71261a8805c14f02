/**
 * SARIF 2.1.0 (architecture.md, "Offline reviewer contract"): one run per pack (per stack and pack
 * when several stacks are reviewed); rules = every policy of the pack; results carry ruleId,
 * ruleIndex, level (error for mandatory, warning for advisory), message.text and the resource URN in
 * locations[0].logicalLocations[0].fullyQualifiedName. Waived findings are results with an accepted
 * external suppression. Errors and waiver problems are the runs' invocation notifications.
 */
import { createHash } from "node:crypto";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type {
  Invocation,
  Log,
  Notification,
  ReportingConfiguration,
  ReportingDescriptor,
  Result,
  Run,
} from "sarif";
import type {
  Level,
  PackDescription,
  PolicyDescription,
  ReviewError,
  StackReview,
  Violation,
  WaivedViolation,
  Waiver,
} from "../model";
import { policyEvidence, type PolicyEvidence } from "../evidence";
import { expiredWaiverFor, isMulti, parseUrn, resourceOf, type ReportOptions } from "./common";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Name of the run that carries a stack's errors when no pack could be described. */
export const REVIEWER_TOOL = "enclave-review";

export interface SarifOptions extends ReportOptions {
  /**
   * Where to learn about a pack (its homepage or repository), for tool.driver.informationUri.
   * Without one, the pack's folder as a file URI (where its README and policies are).
   */
  readonly informationUri?: (pack: PackDescription) => string | undefined;
  /** The reviewer itself, named as the tool of a run for a stack no pack could be described in. */
  readonly reviewer?: { readonly version?: string; readonly informationUri?: string };
}

function packInformationUri(pack: PackDescription, options: SarifOptions): string | undefined {
  const given = options.informationUri?.(pack);
  if (given) {
    return given;
  }
  return pack.directory && isAbsolute(pack.directory)
    ? pathToFileURL(pack.directory).href
    : undefined;
}

/** Effective enforcement level to SARIF's default rule level. */
export function ruleLevel(level: Level): ReportingConfiguration.level {
  switch (level) {
    case "mandatory":
    case "remediate":
      return "error";
    case "advisory":
      return "warning";
    case "disabled":
      return "none";
  }
}

/** GitHub code scanning reads `security-severity` (0-10) to rank alerts. */
const SECURITY_SEVERITY: Record<string, string | undefined> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
};

/** `aws-s3-bucket-encryption-cmk` -> `AwsS3BucketEncryptionCmk` (SARIF's friendly rule name). */
export function friendlyName(policy: string): string {
  return policy
    .split(/[^A-Za-z0-9]+/)
    .filter((s) => s.length > 0)
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join("");
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/s.exec(text.trim());
  return (match ? match[0] : text.trim()).replace(/\s+/g, " ");
}

function tagsOf(policy: PolicyDescription): string[] {
  const tags = [
    "security",
    ...policy.tags,
    ...policy.nistControls.map((c) => `nist-800-53:${c}`),
    ...policy.cisControls.map((c) => `cis:${c}`),
  ];
  return [...new Set(tags)];
}

function ruleOf(policy: PolicyDescription, evidence?: PolicyEvidence): ReportingDescriptor {
  const description =
    policy.description.trim() || `Policy ${policy.name} of the ${policy.pack} pack.`;
  const securitySeverity = SECURITY_SEVERITY[policy.severity];
  return {
    id: policy.name,
    name: friendlyName(policy.name),
    shortDescription: { text: firstSentence(description) },
    fullDescription: { text: description },
    ...(policy.remediation ? { help: { text: policy.remediation } } : {}),
    ...(policy.url ? { helpUri: policy.url } : {}),
    defaultConfiguration: {
      level: ruleLevel(policy.enforcementLevel),
      enabled: policy.enforcementLevel !== "disabled",
    },
    properties: {
      severity: policy.severity,
      ...(securitySeverity ? { "security-severity": securitySeverity } : {}),
      enforcementLevel: policy.enforcementLevel,
      kind: policy.kind,
      nistControls: [...policy.nistControls],
      cisControls: [...policy.cisControls],
      tags: tagsOf(policy),
      // What the policy did in this run's stack (architecture.md, "Evidence").
      ...(evidence
        ? {
            status: evidence.status,
            applicable: evidence.applicable,
            resourcesJudged: evidence.resourcesJudged,
          }
        : {}),
    },
  };
}

/** A policy a pack reported but did not describe in GetAnalyzerInfo (kept so ruleIndex holds). */
function undescribedRule(v: Violation): ReportingDescriptor {
  const text = `Policy ${v.policy} of the ${v.pack} pack (not described by the pack).`;
  return {
    id: v.policy,
    name: friendlyName(v.policy),
    shortDescription: { text },
    fullDescription: { text: v.description?.trim() || text },
    properties: { severity: v.severity, tags: ["security"] },
  };
}

function fingerprint(review: StackReview, v: Violation): string {
  return createHash("sha256")
    .update([review.project, review.stack, v.pack, v.policy, v.urn ?? "", v.message].join("\u0000"))
    .digest("hex");
}

function stackUrn(review: StackReview): string | undefined {
  return review.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
}

function resultOf(review: StackReview, v: Violation | WaivedViolation, ruleIndex: number): Result {
  // A stack-level finding without a resource is located on the stack itself.
  const urn = v.urn ?? stackUrn(review);
  const resource = resourceOf(urn);
  const expired = "waiver" in v ? undefined : expiredWaiverFor(review, v);
  return {
    ruleId: v.policy,
    ruleIndex,
    level: v.enforcementLevel === "mandatory" ? "error" : "warning",
    message: { text: v.message.trim() || `Policy ${v.policy} reported a violation.` },
    ...(urn && resource
      ? {
          locations: [
            {
              logicalLocations: [
                { fullyQualifiedName: urn, name: resource.name, kind: "resource" },
              ],
            },
          ],
        }
      : {}),
    partialFingerprints: { "enclaveFinding/v1": fingerprint(review, v) },
    ...("waiver" in v
      ? {
          suppressions: [
            {
              kind: "external" as const,
              status: "accepted" as const,
              justification: v.waiver.justification,
              properties: { expires: v.waiver.expires, resource: v.waiver.resource },
            },
          ],
        }
      : {}),
    properties: {
      severity: v.severity,
      enforcementLevel: v.enforcementLevel,
      packVersion: v.packVersion,
      ...(resource && parseUrn(urn ?? "") ? { resourceType: resource.type } : {}),
      ...(expired ? { expiredWaiver: { ...expired } } : {}),
    },
  };
}

function note(level: Notification.level, text: string, ruleId?: string): Notification {
  return {
    level,
    message: { text },
    ...(ruleId ? { associatedRule: { id: ruleId } } : {}),
  };
}

function errorText(e: ReviewError): string {
  return `${e.phase}${e.subject ? ` ${e.subject}` : ""}: ${e.message}`;
}

function invocationOf(
  review: StackReview,
  pack: string | undefined,
  waivers: { readonly expired: readonly Waiver[]; readonly unused: readonly Waiver[] },
  ruleIds: ReadonlySet<string>,
): Invocation {
  // Program and config errors leave every pack unevaluated; a pack error leaves only its own.
  const errors = review.errors.filter(
    (e) => e.phase !== "pack" || e.subject === undefined || e.subject === pack,
  );
  const rule = (policy: string) => (ruleIds.has(policy) ? policy : undefined);
  const configuration: Notification[] = [
    ...waivers.expired.map((w) =>
      note(
        "warning",
        `The waiver of ${w.policy} for "${w.resource}" expired on ${w.expires}; its finding counts again.`,
        rule(w.policy),
      ),
    ),
    ...waivers.unused.map((w) =>
      note(
        "warning",
        `The waiver of ${w.policy} for "${w.resource}" (expires ${w.expires}) matched no finding.`,
        rule(w.policy),
      ),
    ),
  ];
  return {
    executionSuccessful: errors.length === 0,
    ...(errors.length > 0
      ? { toolExecutionNotifications: errors.map((e) => note("error", errorText(e))) }
      : {}),
    ...(configuration.length > 0 ? { toolConfigurationNotifications: configuration } : {}),
  };
}

function runsOf(review: StackReview, options: SarifOptions, multi: boolean): Run[] {
  const findings: (Violation | WaivedViolation)[] = [...review.violations, ...review.waived];
  const packs: PackDescription[] = [...review.packs];
  // A finding from a pack that was not described still gets a run of its own.
  for (const v of findings) {
    if (!packs.some((p) => p.name === v.pack)) {
      packs.push({ name: v.pack, version: v.packVersion, directory: "", policies: [] });
    }
  }
  const properties = {
    project: review.project,
    stack: review.stack,
    ...(review.programDir ? { programDir: review.programDir } : {}),
    ...(review.stateFile ? { stateFile: review.stateFile } : {}),
    ...(review.configFile ? { configFile: review.configFile } : {}),
    ...(review.placeholderSecrets.length > 0
      ? { placeholderSecrets: [...review.placeholderSecrets] }
      : {}),
  };
  const automationDetails = {
    id: `${REVIEWER_TOOL}/${review.project}/${review.stack}/`,
    ...(multi ? { description: { text: `Stack ${review.project}/${review.stack}` } } : {}),
  };

  const evidence = new Map(policyEvidence(review).map((e) => [`${e.pack}\u0000${e.policy}`, e]));
  const rulesOf = packs.map((pack) => {
    const rules = pack.policies.map((p) => ruleOf(p, evidence.get(`${pack.name}\u0000${p.name}`)));
    for (const v of findings.filter((f) => f.pack === pack.name)) {
      if (!rules.some((r) => r.id === v.policy)) {
        rules.push(undescribedRule(v));
      }
    }
    return rules;
  });
  // A waiver is reported on the run of the pack that has its policy, or on the first run when no
  // pack has it (a misspelt policy name).
  const home = (w: Waiver) =>
    Math.max(
      0,
      rulesOf.findIndex((rules) => rules.some((r) => r.id === w.policy)),
    );
  const waiversOf = (i: number) => ({
    expired: review.expiredWaivers.filter((w) => home(w) === i),
    unused: review.unusedWaivers.filter((w) => home(w) === i),
  });

  const runs = packs.map((pack, i): Run => {
    const rules = rulesOf[i]!;
    const own = findings.filter((v) => v.pack === pack.name);
    const ruleIds = new Set(rules.map((r) => r.id));
    const informationUri = packInformationUri(pack, options);
    return {
      tool: {
        driver: {
          name: pack.name,
          version: pack.version,
          ...(pack.displayName ? { fullName: pack.displayName } : {}),
          ...(informationUri ? { informationUri } : {}),
          rules,
        },
      },
      automationDetails,
      invocations: [invocationOf(review, pack.name, waiversOf(i), ruleIds)],
      results: own.map((v) =>
        resultOf(
          review,
          v,
          rules.findIndex((r) => r.id === v.policy),
        ),
      ),
      properties: { ...properties, ...(pack.directory ? { packDirectory: pack.directory } : {}) },
    };
  });

  // Nothing could be described (e.g. the program failed): one run still says so.
  const waiverProblems = review.expiredWaivers.length + review.unusedWaivers.length;
  if (runs.length === 0 && (review.errors.length > 0 || waiverProblems > 0)) {
    runs.push({
      tool: {
        driver: {
          name: REVIEWER_TOOL,
          ...(options.reviewer?.version ? { version: options.reviewer.version } : {}),
          ...(options.reviewer?.informationUri
            ? { informationUri: options.reviewer.informationUri }
            : {}),
          rules: [],
        },
      },
      automationDetails,
      invocations: [invocationOf(review, undefined, waiversOf(0), new Set())],
      results: [],
      properties,
    });
  }
  return runs;
}

export function sarifLog(reviews: readonly StackReview[], options: SarifOptions = {}): Log {
  const multi = isMulti(reviews, options);
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: reviews.flatMap((r) => runsOf(r, options, multi)),
  };
}

/** The SARIF log as text (two-space indent, trailing newline). */
export function renderSarif(reviews: readonly StackReview[], options: SarifOptions = {}): string {
  return `${JSON.stringify(sarifLog(reviews, options), null, 2)}\n`;
}
