import { describe, expect, it } from "vitest";
import backupPlan from "../../../policy-packs/policies/aws/aws-rds-database-require-backup-plan";
import vaultLock from "../../../policy-packs/policies/aws/aws-backup-vault-enable-lock";
import { runStackPolicy, urnOf, type StackResourceInput } from "../../helpers/policy";
import { UNKNOWN_STRING, stackViolationsOf } from "../../helpers/aws-policies";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const SELECTION = "aws:backup/selection:Selection";
const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const DB_ARN = "arn:aws:rds:eu-west-1:111122223333:db:acme-prod-db";
const prod = { "enclave:environment": "prod" };

function stack(
  db: Record<string, unknown> = {},
  selection: Record<string, unknown> | null = {},
  deps: string[] = [],
): StackResourceInput[] {
  return [
    { type: INSTANCE, name: "db", props: { arn: DB_ARN, tags: prod, ...db } },
    ...(selection !== null
      ? [
          {
            type: SELECTION,
            name: "db-selection",
            props: { planId: "plan-1", resources: [DB_ARN], ...selection },
            propertyDependencies: { resources: deps },
          },
        ]
      : []),
  ];
}
const at = urnOf(INSTANCE, "db");
const missing = (kind = "instance", name = "db") =>
  `Database ${kind} "${name}" (enclave:environment prod) is in no AWS Backup plan: no aws.backup.Selection names its ARN or a tag it carries. Add a selection of it to a daily plan with a locked vault.`;

describe("aws-rds-database-require-backup-plan", () => {
  it("passes a prod instance selected by its ARN, by the engine's dependency, by a wildcard or by a tag", () => {
    expect(stackViolationsOf(backupPlan, stack())).toEqual([]);
    expect(
      stackViolationsOf(backupPlan, stack({}, { resources: [UNKNOWN_STRING] }, ["db"])),
    ).toEqual([]);
    expect(
      stackViolationsOf(backupPlan, stack({}, { resources: ["arn:aws:rds:*:*:db:*"] })),
    ).toEqual([]);
    const byTag = {
      resources: [],
      selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "daily" }],
    };
    expect(
      stackViolationsOf(backupPlan, stack({ tags: { ...prod, backup: "daily" } }, byTag)),
    ).toEqual([]);
  });

  it("fires on the kit's pre-fix shape: a prod instance with no selection at all", () => {
    expect(stackViolationsOf(backupPlan, stack({}, null))).toEqual([
      { message: missing(), urn: at },
    ]);
  });

  it("fires when the selection names another database", () => {
    const other = { resources: ["arn:aws:rds:eu-west-1:111122223333:db:other"] };
    expect(stackViolationsOf(backupPlan, stack({}, other))).toEqual([
      { message: missing(), urn: at },
    ]);
  });

  it("fires when the selection excludes the database in notResources", () => {
    expect(
      stackViolationsOf(backupPlan, stack({}, { resources: ["*"], notResources: [DB_ARN] })),
    ).toEqual([{ message: missing(), urn: at }]);
    expect(stackViolationsOf(backupPlan, stack({}, { notResources: [DB_ARN] }, ["db"]))).toEqual([
      { message: missing(), urn: at },
    ]);
  });

  it("fires when the selection's tag is not the database's", () => {
    const byTag = {
      resources: [],
      selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "daily" }],
    };
    expect(stackViolationsOf(backupPlan, stack({}, byTag))).toEqual([
      { message: missing(), urn: at },
    ]);
  });

  it("judges Aurora clusters too, and skips read replicas", () => {
    const cluster: StackResourceInput[] = [
      {
        type: CLUSTER,
        name: "aurora",
        props: { arn: "arn:aws:rds:eu-west-1:1:cluster:a", tags: prod },
      },
    ];
    expect(stackViolationsOf(backupPlan, cluster)).toEqual([
      { message: missing("cluster", "aurora"), urn: urnOf(CLUSTER, "aurora") },
    ]);
    expect(stackViolationsOf(backupPlan, stack({ replicateSourceDb: "src" }, null))).toEqual([]);
  });

  it("leaves other environments alone, and follows its parameters", () => {
    const dev = stack({ tags: { "enclave:environment": "dev" } }, null);
    expect(stackViolationsOf(backupPlan, dev)).toEqual([]);
    expect(stackViolationsOf(backupPlan, dev, { environments: ["dev"] })).toHaveLength(1);
    const env = stack({ tags: { env: "production" } }, null);
    expect(
      stackViolationsOf(backupPlan, env, {
        environmentTagKey: "env",
        environments: ["production"],
      }),
    ).toHaveLength(1);
  });

  it("stays silent for one database whose ARN, tags or selection is unknown, and still judges the others", () => {
    const unknownArn = [
      ...stack({ arn: UNKNOWN_STRING }),
      {
        type: INSTANCE,
        name: "bare",
        props: { arn: "arn:aws:rds:eu-west-1:1:db:bare", tags: prod },
      },
    ];
    expect(stackViolationsOf(backupPlan, unknownArn)).toEqual([
      { message: missing("instance", "bare"), urn: urnOf(INSTANCE, "bare") },
    ]);
    expect(stackViolationsOf(backupPlan, stack({}, { resources: UNKNOWN_STRING }))).toEqual([]);
    expect(stackViolationsOf(backupPlan, stack({ tags: UNKNOWN_STRING }, null))).toEqual([]);
  });

  it("is not applicable to a stack without databases", () => {
    expect(runStackPolicy(backupPlan, []).notApplicable).toMatch(/aws:rds\/instance:Instance/);
  });
});

function vaultStack(
  vault: Record<string, unknown> = {},
  lock: Record<string, unknown> | null = {},
): StackResourceInput[] {
  return [
    { type: VAULT, name: "vault", props: { name: "acme-db-vault", tags: prod, ...vault } },
    ...(lock !== null
      ? [
          {
            type: LOCK,
            name: "vault-lock",
            props: {
              backupVaultName: "acme-db-vault",
              minRetentionDays: 35,
              maxRetentionDays: 365,
              changeableForDays: 3,
              ...lock,
            },
          },
        ]
      : []),
  ];
}
const vaultAt = urnOf(VAULT, "vault");

describe("aws-backup-vault-enable-lock", () => {
  it("passes a prod vault with a compliance-mode lock, and a dev vault with a governance one", () => {
    expect(stackViolationsOf(vaultLock, vaultStack())).toEqual([]);
    expect(
      stackViolationsOf(
        vaultLock,
        vaultStack({ tags: { "enclave:environment": "dev" } }, { changeableForDays: undefined }),
      ),
    ).toEqual([]);
  });

  it("fires on a vault without a lock, in any environment", () => {
    expect(
      stackViolationsOf(vaultLock, vaultStack({ tags: { "enclave:environment": "dev" } }, null)),
    ).toEqual([
      {
        message:
          'Backup vault "vault" has no vault lock. Add an aws.backup.VaultLockConfiguration with the plan\'s retention as minRetentionDays.',
        urn: vaultAt,
      },
    ]);
  });

  it("fires on a prod vault locked in governance mode (no changeableForDays)", () => {
    expect(stackViolationsOf(vaultLock, vaultStack({}, { changeableForDays: undefined }))).toEqual([
      {
        message:
          'Backup vault "vault" (enclave:environment prod) is locked in governance mode, which whoever may delete the lock lifts. Set changeableForDays so the lock becomes compliance mode.',
        urn: vaultAt,
      },
    ]);
  });

  it("follows its parameters, and stays silent while the lock's vault is unknown", () => {
    const governance = vaultStack(
      { tags: { env: "production" } },
      { changeableForDays: undefined },
    );
    expect(stackViolationsOf(vaultLock, governance)).toEqual([]);
    expect(
      stackViolationsOf(vaultLock, governance, {
        environmentTagKey: "env",
        environments: ["production"],
      }),
    ).toHaveLength(1);
    expect(
      stackViolationsOf(vaultLock, vaultStack({}, { backupVaultName: UNKNOWN_STRING })),
    ).toEqual([]);
  });
});
