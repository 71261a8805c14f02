import { resourcePolicy } from "../../lib/define";
import { cisGke } from "../../lib/gcp/describe";
import { GKE_NODE_TYPES, nodeSitesOf } from "../../lib/gcp/gke";
import { str } from "../../lib/props";

export default resourcePolicy({
  name: "gcp-container-nodepool-encrypt-boot-disk",
  description:
    "GKE node boot disks must be encrypted with a customer-managed Cloud KMS key. Boot disks hold container images, logs and emptyDir volumes with tenant data; with a customer key, revoking the key makes them unreadable.",
  severity: "medium",
  remediation:
    "Set bootDiskKmsKey to a Cloud KMS crypto key id in every node configuration (cluster nodeConfig, inline nodePools, NodePool resources and clusterAutoscaling.autoProvisioningDefaults), and grant the Compute Engine service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on it.",
  controls: { nist: ["SC-28", "SC-28(1)", "SC-12"], cis: cisGke("5.9.2") },
  concern: "encryption",
  resourceTypes: GKE_NODE_TYPES,
  check(resource, report) {
    for (const site of nodeSitesOf(resource, [
      "default-pool",
      "pool",
      "auto-provisioning",
      "autopilot",
    ])) {
      if ((str(site.config.bootDiskKmsKey) ?? "").trim() === "") {
        report(
          `${site.path}.bootDiskKmsKey is not set, so node boot disks use a Google-managed key. Set it to a Cloud KMS crypto key id.`,
        );
      }
    }
  },
});
