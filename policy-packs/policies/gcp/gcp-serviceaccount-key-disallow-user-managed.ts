import { resourcePolicy } from "../../lib/define";
import { cisGcp } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { str } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-serviceaccount-key-disallow-user-managed",
  description:
    "Service accounts must not have user-managed keys. A key is a long-lived credential that works from anywhere until someone deletes it; a key created by Pulumi also puts its private key in the stack's state. Workload Identity, attached service accounts and impersonation give short-lived credentials instead.",
  severity: "high",
  remediation:
    "Delete the gcp.serviceaccount.Key resource; run workloads on GKE with Workload Identity, on Compute Engine with an attached service account, and let people impersonate service accounts (roles/iam.serviceAccountTokenCreator on that account only).",
  controls: { nist: ["IA-5", "IA-5(7)", "AC-2"], cis: cisGcp("1.4") },
  concern: "least-privilege",
  resourceTypes: [GCP.serviceAccountKey, GCP.serviceAccountKeyLegacy],
  check({ props }, report) {
    if ((str(props.publicKeyData) ?? "").trim() !== "") {
      report(
        "This resource uploads a user-managed service account key, a long-lived credential that Google does not rotate. Use Workload Identity or impersonation instead.",
      );
    } else {
      report(
        "This resource creates a user-managed service account key; its private key is stored in the Pulumi state and stays valid until deleted. Use Workload Identity or impersonation instead.",
      );
    }
  },
});
