import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { arr, get, isRecord, num, str } from "../../lib/props";
import { forEachKnown, joinReferences, ofTypes, tryRead, UNKNOWN } from "../../lib/stack";

const SECRET = "aws:secretsmanager/secret:Secret";
const SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";

interface Exemption {
  readonly secret?: unknown;
  readonly reason?: unknown;
}

interface Config {
  readonly maxRotationDays: number;
  readonly exemptSecrets: readonly Exemption[];
}

/** `rate(30 days)` -> 30; `rate(12 hours)` -> 0.5; cron expressions -> undefined (not judged). */
function rateDays(expression: string): number | undefined {
  const m = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/i.exec(expression.trim());
  if (!m) {
    return undefined;
  }
  const n = Number(m[1]);
  return /^hour/i.test(m[2]!) ? n / 24 : n;
}

/** The rotation interval in days a SecretRotation asks for, when it can be read. */
function intervalDays(rotation: PolicyResource): number | undefined {
  const rules = rotation.props.rotationRules;
  const days = num(get(rules, "automaticallyAfterDays"));
  if (days !== undefined) {
    return days;
  }
  const expression = str(get(rules, "scheduleExpression"));
  return expression === undefined ? undefined : rateDays(expression);
}

/** How the exemptions name a secret: its Pulumi resource name or its Secrets Manager name. */
function exemptionFor(secret: PolicyResource, config: Config): Exemption | undefined {
  const names = new Set([secret.name]);
  const given = tryRead(() => str(secret.props.name));
  if (given !== UNKNOWN && given !== undefined) {
    names.add(given);
  }
  return arr(config.exemptSecrets)
    .filter(isRecord)
    .find((e) => typeof e.secret === "string" && names.has(e.secret));
}

export default stackPolicy<Config>({
  name: "aws-secretsmanager-secret-enable-rotation",
  description:
    "Every Secrets Manager secret the stack creates must be rotated automatically: an aws.secretsmanager.SecretRotation names it, at most every maxRotationDays (90 by default). A credential that never changes stays valid for whoever copied it once, from a log, a laptop or a former colleague. RDS-managed master passwords (manageMasterUserPassword) are rotated by RDS and are not Secret resources of the stack; a secret that cannot rotate (an API key a third party issues) is listed in exemptSecrets with the reason.",
  severity: "medium",
  remediation:
    "Add an aws.secretsmanager.SecretRotation with secretId: secret.id, a rotation Lambda (rotationLambdaArn) or managed rotation, and rotationRules.automaticallyAfterDays of 90 or less; or let the owning service manage the secret (RDS manageMasterUserPassword). For a secret that cannot rotate, add { secret: <name>, reason: <why> } to this policy's exemptSecrets.",
  controls: { nist: ["IA-5", "IA-5(1)", "SC-12", "AC-2"] },
  concern: "least-privilege",
  resourceTypes: [SECRET],
  configSchema: {
    properties: {
      maxRotationDays: {
        type: "number",
        minimum: 1,
        default: 90,
        description: "The longest rotation interval accepted, in days.",
      },
      exemptSecrets: {
        type: "array",
        default: [],
        description:
          "Secrets that cannot be rotated automatically, by Pulumi resource name or Secrets Manager name, each with the reason. An entry without a reason exempts nothing.",
        items: {
          type: "object",
          properties: {
            secret: { type: "string", minLength: 1 },
            reason: { type: "string", minLength: 1 },
          },
          required: ["secret", "reason"],
        },
      },
    },
  },
  check(resources, report, config) {
    const secrets = ofTypes(resources, [SECRET]);
    const joined = joinReferences(secrets, ofTypes(resources, [SECRET_ROTATION]), {
      sourceProp: "secretId",
      targetKeys: ["arn", "id", "name"],
    });
    const maxDays = num(config.maxRotationDays) ?? 90;
    forEachKnown([...joined], ([secret, join]) => {
      const exemption = exemptionFor(secret, config);
      if (exemption !== undefined) {
        const reason = typeof exemption.reason === "string" ? exemption.reason.trim() : "";
        if (reason !== "") {
          return;
        }
        report(
          `Secret "${secret.name}" is listed in exemptSecrets without a reason, so it is not exempted. Give the reason it cannot rotate.`,
          secret.urn,
        );
        return;
      }
      if (join.related.length === 0) {
        if (!join.uncertain) {
          report(
            `Secret "${secret.name}" has no aws.secretsmanager.SecretRotation: its value never changes unless someone changes it by hand. Rotate it automatically, or list it in exemptSecrets with the reason.`,
            secret.urn,
          );
        }
        return;
      }
      const intervals = join.related
        .map((r) => tryRead(() => intervalDays(r)))
        .filter((d): d is number => typeof d === "number");
      if (intervals.length === join.related.length && Math.min(...intervals) > maxDays) {
        report(
          `Secret "${secret.name}" rotates every ${Math.min(...intervals)} days, more than ${maxDays}. Set rotationRules.automaticallyAfterDays to ${maxDays} or less.`,
          secret.urn,
        );
      }
    });
  },
});
