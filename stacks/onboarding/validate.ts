import { parse as parseYaml } from "yaml";
import { ConfigError, parseStackConfig, type ConfigIssue } from "../config";
import { resolveLayerSettings } from "../config/app-settings";
import { formatValue } from "../config/errors";

/** Which flag gave the value at a config key (longest prefix first); others are the template's. */
const FLAGS: [prefix: string, flag: string][] = [
  ["enclave:allowlist.admin", "--admin-cidr"],
  ["enclave:allowlist.users", "--users-cidr"],
  ["enclave:clientHosted.bucketName", "--client-bucket"],
  ["enclave:clientHosted.kmsKeyArn", "--client-key"],
  ["enclave:clientHosted.endpoint", "--client-endpoint"],
  ["enclave:clientHosted.cidrs", "--client-cidr"],
  ["enclave:clientHosted.credentialsSecretName", "--client-credentials-secret"],
  ["enclave:clientHosted", "--client-bucket"],
  ["enclave:platformStack", "--platform"],
  ["enclave:tenant", "--tenant"],
  ["enclave:cloud", "--cloud"],
  ["enclave:environment", "--environment"],
  ["enclave:isolation", "--isolation"],
  ["enclave:domain", "--domain"],
  ["aws:region", "--region"],
  ["gcp:project", "--project"],
  ["gcp:region", "--region"],
];

export function flagFor(key: string): string | undefined {
  return FLAGS.find(
    ([prefix]) => key === prefix || key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`),
  )?.[1];
}

/**
 * Validates the stack file exactly as written, with the kit's own config module (the one
 * `pulumi up` runs), and says each problem in terms of the flag that caused it.
 */
export function problemsIn(text: string, stack: string): string[] {
  const doc = parseYaml(text) as { config?: Record<string, unknown> };
  const raw = Object.fromEntries(
    Object.entries(doc.config ?? {}).map(([k, v]) => [
      k,
      typeof v === "string" ? v : JSON.stringify(v),
    ]),
  );
  try {
    // The same two steps as the program (stacks/index.ts, stacks/program.ts), in the same order.
    const config = parseStackConfig(raw, { project: "enclave", stack });
    return resolveLayerSettings(config.app, config).problems.map(describe);
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    return error.issues.map(describe);
  }
}

function describe(issue: ConfigIssue): string {
  const flag = flagFor(issue.key);
  return flag
    ? `${flag} ${formatValue(issue.value)} (${issue.key}): ${issue.problem}. Fix: ${issue.fix}.`
    : `${issue.key} = ${formatValue(issue.value)} (from the template, not a flag): ${issue.problem}. Fix: ${issue.fix}; or edit the written stack file.`;
}
