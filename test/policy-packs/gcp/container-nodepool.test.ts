import { describe, expect, it } from "vitest";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";
import { nodeSites, type NodeSiteKind } from "../../../policy-packs/lib/gcp/gke";
import { GCP } from "../../../policy-packs/lib/gcp/types";
import { options, runResourcePolicy } from "../../helpers/policy";
import {
  CLUSTER,
  CLUSTER_WITH_DEFAULT_POOL,
  NODE_CONFIG,
  NODE_POOL,
  mutate,
} from "../../helpers/gcp-fixtures";
import privateNodes from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-private-nodes";
import shielded from "../../../policy-packs/policies/gcp/gcp-container-nodepool-enable-shielded-instance";
import cos from "../../../policy-packs/policies/gcp/gcp-container-nodepool-require-cos-containerd";
import autoRepair from "../../../policy-packs/policies/gcp/gcp-container-nodepool-enable-auto-repair-upgrade";
import metadata from "../../../policy-packs/policies/gcp/gcp-container-nodepool-enable-gke-metadata-server";
import bootDisk from "../../../policy-packs/policies/gcp/gcp-container-nodepool-encrypt-boot-disk";
import defaultSa from "../../../policy-packs/policies/gcp/gcp-container-nodepool-disallow-default-service-account";

const run = (policy: EnclaveResourcePolicy, type: string, props: Record<string, unknown>) => {
  const outcome = runResourcePolicy(policy, { type, props });
  expect(outcome.notApplicable).toBeUndefined();
  return outcome.violations;
};
const pool = (policy: EnclaveResourcePolicy, path: string, value: unknown) =>
  run(policy, GCP.nodePool, mutate(NODE_POOL, path, value));
const defaultPool = (policy: EnclaveResourcePolicy, path: string, value: unknown) =>
  run(policy, GCP.cluster, mutate(CLUSTER_WITH_DEFAULT_POOL, path, value));

const NODE_POLICIES = [privateNodes, shielded, cos, autoRepair, metadata, bootDisk, defaultSa];

const kinds = (type: string, props: Record<string, unknown>): [NodeSiteKind, string][] =>
  nodeSites({ type, name: "x", urn: "urn:x", props, opts: options() }).map((s) => [s.kind, s.path]);

describe("where GKE node configuration lives (nodeSites)", () => {
  it("finds the default pool unless it is removed or replaced by inline pools", () => {
    expect(kinds(GCP.cluster, CLUSTER_WITH_DEFAULT_POOL)).toEqual([["default-pool", "nodeConfig"]]);
    expect(kinds(GCP.cluster, CLUSTER)).toEqual([]);
    expect(kinds(GCP.cluster, { ...CLUSTER_WITH_DEFAULT_POOL, nodePools: [{}, {}] })).toEqual([
      ["pool", "nodePools[0].nodeConfig"],
      ["pool", "nodePools[1].nodeConfig"],
    ]);
  });

  it("finds node auto-provisioning defaults, and only them on Autopilot", () => {
    expect(kinds(GCP.cluster, { ...CLUSTER, clusterAutoscaling: { enabled: true } })).toEqual([
      ["auto-provisioning", "clusterAutoscaling.autoProvisioningDefaults"],
    ]);
    expect(kinds(GCP.cluster, { ...CLUSTER_WITH_DEFAULT_POOL, enableAutopilot: true })).toEqual([
      ["autopilot", "clusterAutoscaling.autoProvisioningDefaults"],
    ]);
    expect(kinds(GCP.nodePool, NODE_POOL)).toEqual([["pool", "nodeConfig"]]);
  });
});

describe("GKE node policies", () => {
  it.each(NODE_POLICIES.map((p) => [p.name, p] as const))(
    "%s passes the compliant node pool and default pool",
    (_n, policy) => {
      expect(run(policy, GCP.nodePool, NODE_POOL)).toEqual([]);
      expect(run(policy, GCP.cluster, CLUSTER_WITH_DEFAULT_POOL)).toEqual([]);
      const inline = {
        ...CLUSTER,
        nodePools: [{ nodeConfig: NODE_CONFIG, management: { autoRepair: true } }],
      };
      expect(run(policy, GCP.cluster, inline)).toEqual([]);
    },
  );
});

describe("gcp-container-nodepool-enable-shielded-instance", () => {
  it("fails without Secure Boot", () => {
    expect(pool(shielded, "nodeConfig.shieldedInstanceConfig.enableSecureBoot", false)).toEqual([
      "nodeConfig.shieldedInstanceConfig.enableSecureBoot is false, so nodes boot without verifying the signatures of their boot components. Set it to true.",
    ]);
    expect(defaultPool(shielded, "nodeConfig.shieldedInstanceConfig", undefined)).toEqual([
      "nodeConfig.shieldedInstanceConfig.enableSecureBoot is not set, so nodes boot without verifying the signatures of their boot components. Set it to true.",
    ]);
  });

  it("fails without integrity monitoring", () => {
    expect(
      pool(shielded, "nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring", false),
    ).toEqual([
      "nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring is false, so changes to the nodes' boot sequence go unnoticed. Set it to true.",
    ]);
  });

  it("judges node auto-provisioning defaults", () => {
    const props = {
      ...CLUSTER,
      clusterAutoscaling: {
        enabled: true,
        autoProvisioningDefaults: { shieldedInstanceConfig: { enableSecureBoot: false } },
      },
    };
    expect(run(shielded, GCP.cluster, props)).toEqual([
      "clusterAutoscaling.autoProvisioningDefaults.shieldedInstanceConfig.enableSecureBoot is false, so nodes boot without verifying the signatures of their boot components. Set it to true.",
    ]);
  });
});

describe("gcp-container-nodepool-require-cos-containerd", () => {
  it("fails other node images and passes GKE's default", () => {
    expect(pool(cos, "nodeConfig.imageType", "UBUNTU_CONTAINERD")).toEqual([
      'nodeConfig.imageType is "UBUNTU_CONTAINERD", not Container-Optimized OS. Set it to "COS_CONTAINERD".',
    ]);
    expect(pool(cos, "nodeConfig.imageType", undefined)).toEqual([]);
  });
});

describe("gcp-container-nodepool-enable-auto-repair-upgrade", () => {
  it("fails when auto-repair or auto-upgrade is off", () => {
    expect(pool(autoRepair, "management.autoRepair", false)).toEqual([
      "management.autoRepair is false, so failing nodes are not repaired. Set it to true.",
    ]);
    expect(pool(autoRepair, "management.autoUpgrade", false)).toEqual([
      "management.autoUpgrade is false, so nodes miss GKE's security patches. Set it to true.",
    ]);
  });

  it("judges inline pools and passes unset switches (both default to true)", () => {
    const props = {
      ...CLUSTER,
      nodePools: [{ nodeConfig: NODE_CONFIG, management: { autoUpgrade: false } }],
    };
    expect(run(autoRepair, GCP.cluster, props)).toEqual([
      "nodePools[0].management.autoUpgrade is false, so nodes miss GKE's security patches. Set it to true.",
    ]);
    expect(pool(autoRepair, "management", undefined)).toEqual([]);
  });
});

describe("gcp-container-nodepool-enable-gke-metadata-server", () => {
  it("fails the Compute Engine metadata server", () => {
    expect(pool(metadata, "nodeConfig.workloadMetadataConfig.mode", "GCE_METADATA")).toEqual([
      'nodeConfig.workloadMetadataConfig.mode is "GCE_METADATA", so pods can read the node\'s metadata and credentials. Set it to "GKE_METADATA".',
    ]);
  });

  it("fails an unset mode", () => {
    expect(defaultPool(metadata, "nodeConfig.workloadMetadataConfig", undefined)).toEqual([
      'nodeConfig.workloadMetadataConfig.mode is not set, so whether pods can read the node\'s credentials depends on cluster defaults. Set it to "GKE_METADATA".',
    ]);
  });
});

describe("gcp-container-nodepool-encrypt-boot-disk", () => {
  it("fails boot disks without a customer-managed key, Autopilot included", () => {
    expect(pool(bootDisk, "nodeConfig.bootDiskKmsKey", undefined)).toEqual([
      "nodeConfig.bootDiskKmsKey is not set, so node boot disks use a Google-managed key. Set it to a Cloud KMS crypto key id.",
    ]);
    expect(run(bootDisk, GCP.cluster, { ...CLUSTER, enableAutopilot: true })).toEqual([
      "clusterAutoscaling.autoProvisioningDefaults.bootDiskKmsKey is not set, so node boot disks use a Google-managed key. Set it to a Cloud KMS crypto key id.",
    ]);
  });
});

describe("gcp-container-nodepool-disallow-default-service-account", () => {
  it("fails an unset service account", () => {
    expect(pool(defaultSa, "nodeConfig.serviceAccount", undefined)).toEqual([
      "nodeConfig.serviceAccount is not set, so nodes run as the Compute Engine default service account. Set it to a dedicated node service account.",
    ]);
  });

  it("fails the Compute Engine default service account, named or by email", () => {
    expect(
      pool(
        defaultSa,
        "nodeConfig.serviceAccount",
        "123456789012-compute@developer.gserviceaccount.com",
      ),
    ).toEqual([
      'nodeConfig.serviceAccount is "123456789012-compute@developer.gserviceaccount.com", the Compute Engine default service account. Set it to a dedicated node service account.',
    ]);
    expect(defaultPool(defaultSa, "nodeConfig.serviceAccount", "default")).toEqual([
      'nodeConfig.serviceAccount is "default", the Compute Engine default service account. Set it to a dedicated node service account.',
    ]);
  });

  it("judges Autopilot's node service account", () => {
    expect(run(defaultSa, GCP.cluster, { ...CLUSTER, enableAutopilot: true })).toEqual([
      "clusterAutoscaling.autoProvisioningDefaults.serviceAccount is not set, so nodes run as the Compute Engine default service account. Set it to a dedicated node service account.",
    ]);
  });
});

describe("gcp-container-cluster-enable-private-nodes on node pools", () => {
  it("fails a NodePool resource that opts out of private nodes", () => {
    expect(pool(privateNodes, "networkConfig.enablePrivateNodes", false)).toEqual([
      "networkConfig.enablePrivateNodes is false, so this pool's nodes get public IP addresses. Remove the override.",
    ]);
    expect(pool(privateNodes, "networkConfig", undefined)).toEqual([]); // inherits the cluster's setting
  });
});
