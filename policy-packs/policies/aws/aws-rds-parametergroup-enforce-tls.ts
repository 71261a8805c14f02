import { resourcePolicy } from "../../lib/define";
import { arr, get, str } from "../../lib/props";
import { CLUSTER_PARAMETER_GROUP, isAuroraInstanceGroup, PARAMETER_GROUP } from "../../lib/aws/rds";

/**
 * TLS switches per engine family. RDS for PostgreSQL 15 and later sets rds.force_ssl=1 by
 * default, so only an explicit 0 weakens it; every other family needs it set explicitly.
 */
const SWITCHES: readonly {
  family: RegExp;
  parameter: string;
  on: string;
  defaultOnFrom?: number;
}[] = [
  { family: /^postgres(\d+)/, parameter: "rds.force_ssl", on: "1", defaultOnFrom: 15 },
  { family: /^aurora-postgresql\d+/, parameter: "rds.force_ssl", on: "1" },
  { family: /^(mysql|mariadb|aurora-mysql)\d/, parameter: "require_secure_transport", on: "ON" },
];

function isOn(value: unknown): boolean {
  const v = String(value ?? "")
    .trim()
    .toLowerCase();
  return v === "1" || v === "on" || v === "true";
}

export default resourcePolicy({
  name: "aws-rds-parametergroup-enforce-tls",
  description:
    "Parameter groups for PostgreSQL, MySQL and MariaDB (RDS and Aurora) must make the server refuse unencrypted connections: rds.force_ssl=1 for PostgreSQL, require_secure_transport=ON for MySQL and MariaDB. Otherwise a client that does not ask for TLS sends credentials and data in the clear. On Aurora the switch is a cluster parameter: the cluster parameter group must set it, an Aurora instance parameter group is not asked to.",
  severity: "high",
  remediation:
    'Add parameters: [{ name: "rds.force_ssl", value: "1" }] (PostgreSQL) or [{ name: "require_secure_transport", value: "ON" }] (MySQL/MariaDB) to the parameter group, and make the database use that group.',
  controls: { nist: ["SC-8", "SC-8(1)", "SC-13"] },
  concern: "encryption",
  resourceTypes: [PARAMETER_GROUP, CLUSTER_PARAMETER_GROUP],
  check({ type, props }, report) {
    const family = str(props.family) ?? "";
    const rule = SWITCHES.find((s) => s.family.test(family));
    if (!rule) {
      return; // engines without such a switch (Oracle, SQL Server, Db2) are not judged here
    }
    const param = arr(props.parameters).find(
      (p) => str(get(p, "name"))?.toLowerCase() === rule.parameter,
    );
    if (param !== undefined) {
      if (!isOn(get(param, "value"))) {
        report(
          `${rule.parameter} is "${String(get(param, "value"))}" in family ${family}: unencrypted connections are accepted. Set it to ${rule.on}.`,
        );
      }
      return;
    }
    if (isAuroraInstanceGroup(type, family)) {
      return; // Aurora reads the switch from the cluster parameter group, judged on its own
    }
    const version = Number(rule.family.exec(family)?.[1]);
    if (rule.defaultOnFrom !== undefined && version >= rule.defaultOnFrom) {
      return;
    }
    report(
      `${rule.parameter} is not set for family ${family}, whose default accepts unencrypted connections. Add ${rule.parameter} = ${rule.on}.`,
    );
  },
});
