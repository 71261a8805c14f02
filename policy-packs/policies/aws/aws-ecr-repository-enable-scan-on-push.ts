import { resourcePolicy } from "../../lib/define";
import { bool, get } from "../../lib/props";
import { cisEks } from "../../lib/aws/common";

export default resourcePolicy({
  name: "aws-ecr-repository-enable-scan-on-push",
  description:
    "ECR repositories must scan every image for known vulnerabilities when it is pushed. Scanning at push time catches vulnerable base images and packages before a node ever pulls them.",
  severity: "medium",
  remediation:
    "Set imageScanningConfiguration: { scanOnPush: true } on the aws.ecr.Repository (or enable enhanced scanning for the registry and waive this policy with that justification).",
  controls: { nist: ["RA-5", "SI-2", "SI-7"], cis: cisEks("5.1.1") },
  concern: "supply-chain",
  resourceTypes: ["aws:ecr/repository:Repository"],
  check({ props }, report) {
    if (bool(get(props.imageScanningConfiguration, "scanOnPush")) !== true) {
      report(
        "imageScanningConfiguration.scanOnPush is not true: pushed images are not scanned. Set it to true.",
      );
    }
  },
});
