import { resourcePolicy } from "../../lib/define";
import { bool, rec, str, strings } from "../../lib/props";
import { DB_INSTANCE, isReplica } from "../../lib/aws/rds";

interface Config {
  /** The tag that names a resource's environment (enclave tags every resource with it). */
  readonly environmentTag: string;
  /** Environments whose databases must be Multi-AZ; untagged databases always must. */
  readonly requiredIn: string[];
}

export default resourcePolicy<Config>({
  name: "aws-rds-database-enable-multi-az",
  description:
    "RDS instances in staging and production (by their environment tag; untagged ones always) must be Multi-AZ. A single-AZ database goes down with its zone and loses the writes since the last backup when its volume fails, which denies annotators their work and can lose labelled data.",
  severity: "medium",
  remediation:
    "Set multiAz: true on the aws.rds.Instance (enclave: leave enclave:aws.database.multiAz unset in staging and prod). Development databases are exempt through their enclave:environment tag.",
  controls: { nist: ["CP-10", "CP-6", "SC-36"] },
  concern: "data-protection",
  resourceTypes: [DB_INSTANCE],
  configSchema: {
    properties: {
      environmentTag: {
        type: "string",
        default: "enclave:environment",
        description: "Tag naming the environment.",
      },
      requiredIn: {
        type: "array",
        items: { type: "string" },
        default: ["staging", "prod"],
        description: "Environments whose databases must be Multi-AZ.",
      },
    },
  },
  check({ type, props }, report, config) {
    if (isReplica(type, props)) {
      return;
    }
    const environment = str(rec(props.tags)[config.environmentTag]);
    const required = environment === undefined || strings(config.requiredIn).includes(environment);
    if (required && bool(props.multiAz) !== true) {
      report(
        environment === undefined
          ? `multiAz is not true and the instance has no ${config.environmentTag} tag: it runs in one zone. Set multiAz: true (or tag a development database with its environment).`
          : `multiAz is not true in environment "${environment}": the database runs in one zone and goes down with it. Set multiAz: true.`,
      );
    }
  },
});
