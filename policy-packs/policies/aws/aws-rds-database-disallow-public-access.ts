import { resourcePolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { cisAws } from "../../lib/aws/common";
import { DB_CLUSTER_INSTANCE, DB_INSTANCE } from "../../lib/aws/rds";

export default resourcePolicy({
  name: "aws-rds-database-disallow-public-access",
  description:
    "RDS instances and Aurora cluster instances must not be publicly accessible. A public database gets an internet-resolvable address, leaving its security group as the only thing between the data and the internet.",
  severity: "critical",
  remediation:
    "Set publiclyAccessible: false (the default), place the database in private subnets, and reach it from the cluster through its security group.",
  controls: { nist: ["SC-7", "SC-7(5)", "AC-4"], cis: cisAws("2.3.3") },
  concern: "network-exposure",
  resourceTypes: [DB_INSTANCE, DB_CLUSTER_INSTANCE],
  check({ props }, report) {
    if (bool(props.publiclyAccessible) === true) {
      report("publiclyAccessible is true: the database has a public endpoint. Set it to false.");
    }
  },
});
