import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { DB_CLUSTER, DB_INSTANCE, dbKind } from "../../lib/aws/rds";

export default resourcePolicy({
  name: "aws-rds-database-enable-deletion-protection",
  description:
    "RDS instances and Aurora clusters must have deletion protection on and must take a final snapshot when deleted. Together they keep a mistaken `pulumi destroy`, a replacement or a compromised credential from erasing the database and its data.",
  severity: "medium",
  remediation:
    "Set deletionProtection: true and leave skipFinalSnapshot false with a finalSnapshotIdentifier; also mark the resource protect: true in Pulumi.",
  controls: { nist: ["CP-9", "CP-10", "SI-12", "CM-3"] },
  concern: "data-protection",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  check({ type, props }, report) {
    if (bool(props.deletionProtection) !== true) {
      report(
        `deletionProtection is not true: the ${dbKind(type)} can be deleted by one API call. Set deletionProtection: true.`,
      );
    }
    if (bool(props.skipFinalSnapshot) === true) {
      report(
        "skipFinalSnapshot is true: deleting the database keeps no final snapshot. Set it to false with a finalSnapshotIdentifier.",
      );
    }
  },
});
