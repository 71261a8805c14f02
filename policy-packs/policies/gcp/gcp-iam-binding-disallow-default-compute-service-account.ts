import { resourcePolicy } from "../../lib/define";
import { iamGrants } from "../../lib/gcp/iam";
import { GCP, HIERARCHY_IAM_TYPES } from "../../lib/gcp/types";

const COMPUTE_DEFAULT = /^serviceaccount:\d+-compute@developer\.gserviceaccount\.com$/i;

const RESOURCE_IAM_TYPES: Readonly<Record<string, string>> = {
  [GCP.bucketIamMember]: "bucket",
  [GCP.bucketIamBinding]: "bucket",
  [GCP.bucketIamPolicy]: "bucket",
  [GCP.cryptoKeyIamMember]: "crypto key",
  [GCP.cryptoKeyIamBinding]: "crypto key",
  [GCP.cryptoKeyIamPolicy]: "crypto key",
  [GCP.keyRingIamMember]: "key ring",
  [GCP.keyRingIamBinding]: "key ring",
  [GCP.keyRingIamPolicy]: "key ring",
};

export default resourcePolicy({
  name: "gcp-iam-binding-disallow-default-compute-service-account",
  description:
    "No role may be granted to the Compute Engine default service account (<project-number>-compute@developer.gserviceaccount.com). Every VM and GKE node created without a service account of its own runs as it, so whatever it is granted, any workload on such a machine (and anyone who reaches its metadata server) can use; most projects already give it Editor.",
  severity: "high",
  remediation:
    "Grant the role to a dedicated service account of the workload or node pool that needs it (GKE nodes: their own least-privilege account; pods: Workload Identity), and remove the default service account's grants (or disable it).",
  controls: { nist: ["AC-6", "AC-2", "AC-3"] },
  concern: "least-privilege",
  resourceTypes: [...Object.keys(HIERARCHY_IAM_TYPES), ...Object.keys(RESOURCE_IAM_TYPES)],
  check({ type, props }, report) {
    const level = HIERARCHY_IAM_TYPES[type] ?? RESOURCE_IAM_TYPES[type] ?? "resource";
    for (const grant of iamGrants(props)) {
      for (const member of grant.members.filter((m) => COMPUTE_DEFAULT.test(m.trim()))) {
        report(
          `${grant.where} grants ${grant.role ?? "a role"} at ${level} level to ${member.trim()}, the Compute Engine default service account that every VM and node without its own account runs as. Grant it to a dedicated service account instead.`,
        );
      }
    }
  },
});
