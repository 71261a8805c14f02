import { resourcePolicy } from "../../lib/define";
import { cisGke, shown } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { bool, get, str } from "../../lib/props";

const ENFORCING = [
  "PROJECT_SINGLETON_POLICY_ENFORCE",
  "POLICY_BINDINGS",
  "POLICY_BINDINGS_AND_PROJECT_SINGLETON_POLICY_ENFORCE",
];

export default resourcePolicy({
  name: "gcp-container-cluster-enable-binary-authorization",
  description:
    "GKE clusters must evaluate images against Binary Authorization before admitting them. Without it, anyone who can create a pod can run any image, signed or not, from any registry.",
  severity: "medium",
  remediation:
    'Set binaryAuthorization.evaluationMode to "PROJECT_SINGLETON_POLICY_ENFORCE" and manage the project\'s Binary Authorization policy (allowed registries, required attestations) with gcp.binaryauthorization.Policy.',
  controls: { nist: ["CM-14", "SI-7(15)", "CM-7(5)"], cis: cisGke("5.1.4") },
  concern: "supply-chain",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    const mode = get(props, "binaryAuthorization.evaluationMode");
    const modeText = str(mode)?.trim().toUpperCase();
    if (modeText !== undefined && ENFORCING.includes(modeText)) {
      return;
    }
    if (modeText === undefined && bool(get(props, "binaryAuthorization.enabled")) === true) {
      return; // the deprecated switch, equivalent to PROJECT_SINGLETON_POLICY_ENFORCE
    }
    report(
      `binaryAuthorization.evaluationMode is ${shown(mode)}, so the cluster admits images without a Binary Authorization check. Set it to "PROJECT_SINGLETON_POLICY_ENFORCE".`,
    );
  },
});
