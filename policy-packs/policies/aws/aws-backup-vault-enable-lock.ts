import { stackPolicy } from "../../lib/define";
import { forEachKnown, joinReferences, ofTypes } from "../../lib/stack";
import { num, rec, str } from "../../lib/props";
import { BACKUP_VAULT, BACKUP_VAULT_LOCK } from "../../lib/aws/backup";

interface Config {
  readonly environmentTagKey: string;
  readonly environments: readonly string[];
}

export default stackPolicy<Config>({
  name: "aws-backup-vault-enable-lock",
  description:
    "Every AWS Backup vault must have a vault lock (aws.backup.VaultLockConfiguration), and in a production environment a compliance-mode one (changeableForDays set). Without a lock anyone allowed backup:DeleteRecoveryPoint, or a shortened lifecycle, removes the recovery points; a governance lock can be lifted by whoever may delete the lock configuration.",
  severity: "high",
  remediation:
    "Add an aws.backup.VaultLockConfiguration { backupVaultName, minRetentionDays: <plan retention>, maxRetentionDays } for the vault; in production also set changeableForDays (3 or more), after which the lock is in compliance mode and cannot be changed or removed.",
  controls: { nist: ["CP-9", "SI-7"] },
  concern: "data-protection",
  resourceTypes: [BACKUP_VAULT],
  configSchema: {
    properties: {
      environmentTagKey: {
        type: "string",
        default: "enclave:environment",
        description: "Tag whose value says a vault's environment.",
      },
      environments: {
        type: "array",
        items: { type: "string" },
        default: ["prod"],
        description:
          "Environments (values of environmentTagKey) whose vaults need a compliance-mode lock.",
      },
    },
  },
  check(resources, report, config) {
    const key = typeof config.environmentTagKey === "string" ? config.environmentTagKey : "";
    const environments = Array.isArray(config.environments) ? config.environments : [];
    const vaults = ofTypes(resources, [BACKUP_VAULT]);
    const locks = joinReferences(vaults, ofTypes(resources, [BACKUP_VAULT_LOCK]), {
      sourceProp: "backupVaultName",
      targetKeys: ["name", "id"],
    });
    forEachKnown(vaults, (vault) => {
      const join = locks.get(vault)!;
      if (join.related.length === 0) {
        if (!join.uncertain) {
          report(
            `Backup vault "${vault.name}" has no vault lock. Add an aws.backup.VaultLockConfiguration with the plan's retention as minRetentionDays.`,
            vault.urn,
          );
        }
        return;
      }
      const environment = str(rec(vault.props.tags)[key]);
      if (environment === undefined || !environments.includes(environment)) {
        return;
      }
      if (!join.related.some((l) => num(l.props.changeableForDays) !== undefined)) {
        report(
          `Backup vault "${vault.name}" (${key} ${environment}) is locked in governance mode, which whoever may delete the lock lifts. Set changeableForDays so the lock becomes compliance mode.`,
          vault.urn,
        );
      }
    });
  },
});
