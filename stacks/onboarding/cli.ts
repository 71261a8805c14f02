/**
 * npm run tenant:new -- --tenant NAME --cloud aws|gcp|kubernetes --environment dev|staging|prod
 *                       --isolation shared|dedicated|client-hosted --domain FQDN
 *                       --admin-cidr CIDR[,CIDR] --users-cidr CIDR[,CIDR] [--platform STACK]
 *                       [--client-bucket NAME --client-key ARN] [--project ID] [--region REGION]
 *                       [--stack NAME] [--dir DIR]
 *
 * Writes stacks/Pulumi.<stack>.yaml from the reference stack of the same cloud (template.ts),
 * validated by the kit's config module as written. Bad input: exit 2, every problem named with
 * its flag and the fix, nothing written.
 */
import { Command, Option } from "commander";
import * as fs from "fs";
import * as path from "path";
import { CLOUDS, ENVIRONMENTS, ISOLATIONS } from "../config/keys";
import { renderTenantStack, type TenantRequest } from "./template";
import { problemsIn } from "./validate";

const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean),
];

export function command(): Command {
  return new Command("tenant:new")
    .description("Write a tenant's stack file, validated by the same config module as `pulumi up`.")
    .requiredOption(
      "--tenant <name>",
      "the client: a DNS label of 1-20 characters (enclave:tenant)",
    )
    .addOption(
      new Option("--cloud <cloud>", "where it runs (enclave:cloud)")
        .choices(CLOUDS)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option("--environment <env>", "sizing and HA (enclave:environment)")
        .choices(ENVIRONMENTS)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option("--isolation <mode>", "tenancy (enclave:isolation)")
        .choices(ISOLATIONS)
        .makeOptionMandatory(),
    )
    .requiredOption(
      "--domain <fqdn>",
      "the app's FQDN; the identity provider is at idp.<fqdn> (enclave:domain)",
    )
    .requiredOption(
      "--admin-cidr <cidr>",
      "operators' networks, comma-separated or repeated (enclave:allowlist.admin)",
      list,
    )
    .requiredOption(
      "--users-cidr <cidr>",
      "annotators' networks, comma-separated or repeated (enclave:allowlist.users)",
      list,
    )
    .option(
      "--platform <stack>",
      "AWS or GCP: the platform stack (enclave:stackRole platform) whose cluster the tenant takes by StackReference (enclave:platformStack); the tenant then creates no VPC or cluster (on GCP it must be in the platform's --project and --region)",
    )
    .option(
      "--client-bucket <name>",
      "client-hosted: the client's bucket (enclave:clientHosted.bucketName)",
    )
    .option(
      "--client-key <arn>",
      "client-hosted on AWS: the client's KMS key ARN (enclave:clientHosted.kmsKeyArn)",
    )
    .option(
      "--client-endpoint <url>",
      "client-hosted on an existing cluster: the client's S3 endpoint (enclave:clientHosted.endpoint)",
    )
    .option(
      "--client-cidr <cidr>",
      "client-hosted on an existing cluster: the store's addresses (enclave:clientHosted.cidrs)",
      list,
    )
    .option(
      "--client-credentials-secret <name>",
      "client-hosted on an existing cluster: the Secret holding the client's access keys (default enclave-client-store-<tenant>)",
    )
    .option(
      "--project <id>",
      "GCP, required with --cloud gcp: the project id (gcp:project), e.g. acme-annotate-dev",
    )
    .option(
      "--region <region>",
      "the region: aws:region on AWS (default eu-west-1), gcp:region on GCP (default europe-west1)",
    )
    .option("--stack <name>", "the stack's name (default <tenant>-<environment>)")
    .option("--dir <dir>", "the stack config folder", path.resolve(__dirname, ".."))
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

interface Options {
  tenant: string;
  cloud: TenantRequest["cloud"];
  environment: TenantRequest["environment"];
  isolation: TenantRequest["isolation"];
  domain: string;
  adminCidr: string[];
  usersCidr: string[];
  platform?: string;
  clientBucket?: string;
  clientKey?: string;
  clientEndpoint?: string;
  clientCidr?: string[];
  clientCredentialsSecret?: string;
  project?: string;
  region?: string;
  stack?: string;
  dir: string;
}

/** Flag combinations the config module cannot see (it never learns of a flag that was ignored). */
function refusals(o: Options): string[] {
  const out: string[] = [];
  if (o.platform !== undefined && o.cloud === "kubernetes") {
    out.push(
      `--platform ${o.platform}: tenant stacks take a platform stack's cluster on AWS and GCP only in this version. Fix: use --cloud aws or --cloud gcp, or leave --platform out (the tenant then uses its own cluster).`,
    );
  }
  if (o.cloud === "gcp" && o.project === undefined) {
    out.push(
      "--project (not set): a GCP stack is created in one project (gcp:project). Fix: add --project with the project id, e.g. --project acme-annotate-dev (with --platform: the platform's project).",
    );
  }
  if (o.cloud !== "gcp" && o.project !== undefined) {
    out.push(
      `--project ${o.project}: sets gcp:project, which only --cloud gcp uses. Fix: drop --project, or use --cloud gcp.`,
    );
  }
  if (o.cloud === "kubernetes" && o.region !== undefined) {
    out.push(
      `--region ${o.region}: an existing cluster's stack has no cloud region. Fix: drop --region, or use --cloud aws or --cloud gcp.`,
    );
  }
  const clientFlags = [
    "clientBucket",
    "clientKey",
    "clientEndpoint",
    "clientCidr",
    "clientCredentialsSecret",
  ] as const;
  const given = clientFlags.filter((f) => o[f] !== undefined);
  if (o.isolation !== "client-hosted" && given.length > 0) {
    out.push(
      `--${given[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: the client's store is used only with --isolation client-hosted. Fix: drop the --client-* flags, or set --isolation client-hosted.`,
    );
  }
  if (o.isolation === "client-hosted" && o.clientBucket === undefined) {
    out.push(
      "--client-bucket (not set): --isolation client-hosted needs the client's bucket (and on AWS --client-key, the client's KMS key ARN). Fix: add --client-bucket NAME and --client-key ARN as the client gave them.",
    );
  }
  if (o.cloud === "aws" && o.isolation === "client-hosted" && o.clientKey === undefined) {
    out.push(
      "--client-key (not set): a client-hosted tenant on AWS encrypts with the client's own KMS key, which the client can revoke. Fix: add --client-key with the full key ARN the client gave you.",
    );
  }
  return out;
}

export function run(argv: string[], today = new Date().toISOString().slice(0, 10)): number {
  let o: Options;
  try {
    o = command().parse(argv, { from: "user" }).opts<Options>();
  } catch (error) {
    return (error as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const stack = o.stack ?? `${o.tenant}-${o.environment}`;
  const file = path.join(o.dir, `Pulumi.${stack}.yaml`);
  const problems = refusals(o);
  if (fs.existsSync(file)) {
    problems.push(
      `--tenant ${o.tenant}: ${file} exists already; nothing was overwritten. Fix: choose another name with --stack NAME, or edit that file.`,
    );
  }
  // The file is validated even after a refusal, so one run names every problem; a flag already
  // refused above is not reported twice. A GCP stack without its project is not rendered.
  if (o.cloud !== "gcp" || o.project !== undefined) {
    const text = renderTenantStack(
      {
        stack,
        tenant: o.tenant,
        cloud: o.cloud,
        environment: o.environment,
        isolation: o.isolation,
        domain: o.domain,
        adminCidrs: o.adminCidr,
        usersCidrs: o.usersCidr,
        ...(o.project !== undefined ? { project: o.project } : {}),
        ...(o.region !== undefined ? { region: o.region } : {}),
        ...(o.platform !== undefined ? { platform: o.platform } : {}),
        clientBucket: o.clientBucket,
        clientKey: o.clientKey,
        clientEndpoint: o.clientEndpoint,
        clientCidrs: o.clientCidr,
        clientCredentialsSecret: o.clientCredentialsSecret,
      },
      today,
    );
    const refused = problems.map((p) => p.split(" ")[0]);
    problems.push(...problemsIn(text, stack).filter((p) => !refused.includes(p.split(" ")[0])));
    if (problems.length === 0) {
      fs.writeFileSync(file, text, { flag: "wx" });
      // A client's bucket on a platform: the platform's S3 endpoints must admit it first.
      const admit =
        o.platform !== undefined && o.isolation === "client-hosted"
          ? ` Before the first \`pulumi up\` of ${stack}, add ${o.clientBucket} to enclave:aws.clientBuckets of ${o.platform} and run \`pulumi up\` there (its S3 endpoints admit only the client buckets it lists).`
          : "";
      process.stdout.write(
        `wrote ${file}\nNext: replace the values its comments call EXAMPLES, then \`npm run review -- --stack ${stack}\`.${admit}\n`,
      );
      return 0;
    }
  }
  process.stderr.write(
    `tenant:new: ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was written:\n${problems.map((p) => `  - ${p}`).join("\n")}\n`,
  );
  return 2;
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
