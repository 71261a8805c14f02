import { describe, expect, it } from "vitest";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";
import { GCP } from "../../../policy-packs/lib/gcp/types";
import { runResourcePolicy } from "../../helpers/policy";
import { itRefusesTheInternetInPieces } from "../../helpers/internet-splits";
import { CLUSTER, mutate } from "../../helpers/gcp-fixtures";
import { UNKNOWN } from "../../helpers/unknowns";
import privateNodes from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-private-nodes";
import controlPlane from "../../../policy-packs/policies/gcp/gcp-container-cluster-restrict-control-plane-access";
import secrets from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-secrets-encryption";
import workloadIdentity from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-workload-identity";
import shieldedNodes from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-shielded-nodes";
import legacyAbac from "../../../policy-packs/policies/gcp/gcp-container-cluster-disallow-legacy-abac";
import clientCert from "../../../policy-packs/policies/gcp/gcp-container-cluster-disallow-client-certificate";
import networkPolicy from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-network-policy";
import logging from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-logging-monitoring";
import releaseChannel from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-release-channel";
import deletion from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-deletion-protection";
import binauthz from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-binary-authorization";
import intranode from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-intranode-visibility";
import posture from "../../../policy-packs/policies/gcp/gcp-container-cluster-enable-security-posture";

const cluster = (policy: EnclaveResourcePolicy, props: Record<string, unknown>) => {
  const outcome = runResourcePolicy(policy, { type: GCP.cluster, props });
  expect(outcome.notApplicable).toBeUndefined();
  return outcome.violations;
};
const changed = (policy: EnclaveResourcePolicy, path: string, value: unknown) =>
  cluster(policy, mutate(CLUSTER, path, value));

const ALL = [
  privateNodes,
  controlPlane,
  secrets,
  workloadIdentity,
  shieldedNodes,
  legacyAbac,
  clientCert,
  networkPolicy,
  logging,
  releaseChannel,
  deletion,
  binauthz,
  intranode,
  posture,
];

describe("GKE cluster policies", () => {
  it.each(ALL.map((p) => [p.name, p] as const))(
    "%s passes the compliant cluster",
    (_name, policy) => {
      expect(cluster(policy, CLUSTER)).toEqual([]);
    },
  );

  it.each(ALL.map((p) => [p.name, p] as const))(
    "%s is not applicable to other types",
    (_name, policy) => {
      expect(runResourcePolicy(policy, { type: GCP.bucket, props: CLUSTER }).notApplicable).toMatch(
        /only applies/,
      );
    },
  );

  it("an unknown value during a preview makes a policy not applicable instead of failing", () => {
    const outcome = runResourcePolicy(secrets, {
      type: GCP.cluster,
      props: mutate(CLUSTER, "databaseEncryption.state", UNKNOWN),
    });
    expect(outcome).toEqual({
      violations: [],
      notApplicable: "depends on values that are known only after deployment",
    });
  });
});

describe("gcp-container-cluster-enable-private-nodes", () => {
  it("fails when private nodes are off or unset", () => {
    expect(changed(privateNodes, "privateClusterConfig.enablePrivateNodes", false)).toEqual([
      "privateClusterConfig.enablePrivateNodes is false, so nodes get public IP addresses. Set it to true.",
    ]);
    expect(changed(privateNodes, "privateClusterConfig", undefined)).toEqual([
      "privateClusterConfig.enablePrivateNodes is not set, so nodes get public IP addresses. Set it to true.",
    ]);
  });

  it("fails when an inline node pool opts out of private nodes", () => {
    const props = {
      ...CLUSTER,
      nodePools: [{ name: "a" }, { name: "b", networkConfig: { enablePrivateNodes: false } }],
    };
    expect(cluster(privateNodes, props)).toEqual([
      "nodePools[1].networkConfig.enablePrivateNodes is false, so this pool's nodes get public IP addresses. Remove the override.",
    ]);
  });
});

describe("gcp-container-cluster-restrict-control-plane-access", () => {
  const publicEndpoint = mutate(CLUSTER, "privateClusterConfig.enablePrivateEndpoint", false);
  const accepted = { allowPublicEndpointWithAuthorizedNetworks: true };
  const judged = (props: Record<string, unknown>, config?: Record<string, unknown>) => {
    const outcome = runResourcePolicy(controlPlane, {
      type: GCP.cluster,
      props,
      ...(config ? { config } : {}),
    });
    expect(outcome.notApplicable).toBeUndefined();
    return outcome.violations;
  };
  itRefusesTheInternetInPieces((ranges) =>
    judged(
      mutate(
        publicEndpoint,
        "masterAuthorizedNetworksConfig.cidrBlocks",
        ranges.map((cidrBlock) => ({ cidrBlock })),
      ),
      accepted,
    ),
  );

  it("flags a public endpoint limited to authorized networks unless the stack accepts it", () => {
    expect(judged(publicEndpoint)).toEqual([
      "The control plane has a public endpoint, limited to 10.10.0.0/16. Keep the endpoint private, or accept this exposure explicitly with allowPublicEndpointWithAuthorizedNetworks: true for this policy in enclave:policy.",
    ]);
    expect(judged(publicEndpoint, accepted)).toEqual([]);
  });

  it("passes a private endpoint and a DNS-only control plane", () => {
    expect(cluster(controlPlane, CLUSTER)).toEqual([]);
    const dnsOnly = mutate(
      mutate(publicEndpoint, "masterAuthorizedNetworksConfig", undefined),
      "controlPlaneEndpointsConfig.ipEndpointsConfig.enabled",
      false,
    );
    expect(cluster(controlPlane, dnsOnly)).toEqual([]);
  });

  it("fails a public endpoint without authorized networks", () => {
    expect(
      cluster(controlPlane, mutate(publicEndpoint, "masterAuthorizedNetworksConfig", undefined)),
    ).toEqual([
      "The control plane has a public endpoint and masterAuthorizedNetworksConfig is not set, so any address on the internet can reach the Kubernetes API. Make the endpoint private or list the authorized networks.",
    ]);
  });

  it("fails authorized networks that admit the whole internet", () => {
    const props = mutate(publicEndpoint, "masterAuthorizedNetworksConfig.cidrBlocks", [
      { cidrBlock: "10.10.0.0/16" },
      { cidrBlock: "0.0.0.0/0" },
      { cidrBlock: "::/0" },
    ]);
    expect(cluster(controlPlane, props)).toEqual([
      "masterAuthorizedNetworksConfig.cidrBlocks: 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network). List only the operators' networks.",
      "masterAuthorizedNetworksConfig.cidrBlocks: ::/0 is broader than IPv6 /32 (a share of the internet, not a network). List only the operators' networks.",
    ]);
  });

  it("fails access from every Google Cloud public address", () => {
    const props = mutate(
      publicEndpoint,
      "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled",
      true,
    );
    expect(cluster(controlPlane, props)).toEqual([
      "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled is true, so every Google Cloud public IP address can reach the Kubernetes API. Set it to false.",
    ]);
  });
});

describe("gcp-container-cluster-enable-secrets-encryption", () => {
  it("fails when secrets are not encrypted", () => {
    expect(changed(secrets, "databaseEncryption.state", "DECRYPTED")).toEqual([
      'databaseEncryption.state is "DECRYPTED", so Kubernetes Secrets are stored without application-layer encryption. Set it to "ENCRYPTED" with a Cloud KMS keyName.',
    ]);
    expect(changed(secrets, "databaseEncryption", undefined)).toEqual([
      'databaseEncryption.state is not set, so Kubernetes Secrets are stored without application-layer encryption. Set it to "ENCRYPTED" with a Cloud KMS keyName.',
    ]);
  });

  it("fails ENCRYPTED without a key", () => {
    expect(changed(secrets, "databaseEncryption.keyName", "")).toEqual([
      "databaseEncryption.keyName is not set, so there is no Cloud KMS key to encrypt Kubernetes Secrets with. Set it to a crypto key id.",
    ]);
  });
});

describe("gcp-container-cluster-enable-workload-identity", () => {
  it("fails without a workload pool", () => {
    expect(changed(workloadIdentity, "workloadIdentityConfig", undefined)).toEqual([
      'workloadIdentityConfig.workloadPool is not set, so pods reach Google APIs only with the node\'s service account or exported keys. Set it to "<project>.svc.id.goog".',
    ]);
  });

  it("passes Autopilot, which always runs Workload Identity", () => {
    const autopilot = mutate(
      mutate(CLUSTER, "workloadIdentityConfig", undefined),
      "enableAutopilot",
      true,
    );
    expect(cluster(workloadIdentity, autopilot)).toEqual([]);
  });
});

describe("single-switch cluster policies", () => {
  it("gcp-container-cluster-enable-shielded-nodes fails when shielded nodes are off", () => {
    expect(changed(shieldedNodes, "enableShieldedNodes", false)).toEqual([
      "enableShieldedNodes is false, so nodes cannot prove their identity to the control plane. Set it to true.",
    ]);
    expect(changed(shieldedNodes, "enableShieldedNodes", undefined)).toEqual([]); // defaults to true
  });

  it("gcp-container-cluster-disallow-legacy-abac fails when ABAC is on", () => {
    expect(changed(legacyAbac, "enableLegacyAbac", true)).toEqual([
      "enableLegacyAbac is true, so the legacy ABAC authorizer grants permissions beyond RBAC and IAM. Set it to false.",
    ]);
  });

  it("gcp-container-cluster-disallow-client-certificate fails when a client certificate is issued", () => {
    expect(
      changed(clientCert, "masterAuth.clientCertificateConfig.issueClientCertificate", true),
    ).toEqual([
      "masterAuth.clientCertificateConfig.issueClientCertificate is true, so GKE issues a long-lived client certificate that bypasses IAM. Set it to false.",
    ]);
  });

  it("gcp-container-cluster-enable-deletion-protection fails when deletion protection is off", () => {
    expect(changed(deletion, "deletionProtection", false)).toEqual([
      "deletionProtection is false, so a delete or replacement destroys the cluster and its state. Set it to true.",
    ]);
    expect(changed(deletion, "deletionProtection", undefined)).toEqual([]); // defaults to true
  });
});

describe("gcp-container-cluster-enable-network-policy", () => {
  const legacy = mutate(CLUSTER, "datapathProvider", "LEGACY_DATAPATH");

  it("passes the legacy datapath with the network policy add-on", () => {
    expect(
      cluster(
        networkPolicy,
        mutate(legacy, "networkPolicy", { enabled: true, provider: "CALICO" }),
      ),
    ).toEqual([]);
  });

  it("fails without Dataplane V2 or network policy", () => {
    expect(cluster(networkPolicy, legacy)).toEqual([
      'datapathProvider is "LEGACY_DATAPATH" and networkPolicy.enabled is not true, so NetworkPolicies are not enforced. Set datapathProvider to "ADVANCED_DATAPATH".',
    ]);
  });

  it("fails when the network policy add-on is disabled", () => {
    const props = mutate(
      mutate(legacy, "networkPolicy", { enabled: true }),
      "addonsConfig.networkPolicyConfig.disabled",
      true,
    );
    expect(cluster(networkPolicy, props)).toEqual([
      "networkPolicy.enabled is true but addonsConfig.networkPolicyConfig.disabled is true, so NetworkPolicies are not enforced. Enable the add-on or use Dataplane V2.",
    ]);
  });
});

describe("gcp-container-cluster-enable-logging-monitoring", () => {
  it("fails when logging or monitoring is turned off", () => {
    expect(changed(logging, "loggingService", "none")).toEqual([
      'loggingService is "none", so the cluster\'s logs are not collected. Set it to "logging.googleapis.com/kubernetes".',
    ]);
    expect(changed(logging, "monitoringService", "none")).toEqual([
      'monitoringService is "none", so the cluster\'s metrics are not collected. Set it to "monitoring.googleapis.com/kubernetes".',
    ]);
  });

  it("fails component lists that drop system logs or all metrics", () => {
    expect(changed(logging, "loggingConfig.enableComponents", ["WORKLOADS"])).toEqual([
      "loggingConfig.enableComponents does not include SYSTEM_COMPONENTS, so system component logs are not collected. Add it.",
    ]);
    expect(changed(logging, "monitoringConfig.enableComponents", [])).toEqual([
      "monitoringConfig.enableComponents is empty, so no cluster metrics are collected. List at least SYSTEM_COMPONENTS.",
    ]);
  });
});

describe("gcp-container-cluster-enable-release-channel", () => {
  it("fails outside a release channel", () => {
    expect(changed(releaseChannel, "releaseChannel.channel", "UNSPECIFIED")).toEqual([
      'releaseChannel.channel is "UNSPECIFIED", so the cluster is not in a release channel and its upgrades are manual. Set it to "REGULAR" or "STABLE".',
    ]);
    expect(changed(releaseChannel, "releaseChannel", undefined)).toEqual([
      'releaseChannel.channel is not set, so the cluster is not in a release channel and its upgrades are manual. Set it to "REGULAR" or "STABLE".',
    ]);
  });
});

describe("gcp-container-cluster-enable-binary-authorization", () => {
  it("passes the deprecated enabled switch", () => {
    expect(cluster(binauthz, mutate(CLUSTER, "binaryAuthorization", { enabled: true }))).toEqual(
      [],
    );
  });

  it("fails when images are not evaluated", () => {
    expect(changed(binauthz, "binaryAuthorization.evaluationMode", "DISABLED")).toEqual([
      'binaryAuthorization.evaluationMode is "DISABLED", so the cluster admits images without a Binary Authorization check. Set it to "PROJECT_SINGLETON_POLICY_ENFORCE".',
    ]);
    expect(changed(binauthz, "binaryAuthorization", undefined)).toEqual([
      'binaryAuthorization.evaluationMode is not set, so the cluster admits images without a Binary Authorization check. Set it to "PROJECT_SINGLETON_POLICY_ENFORCE".',
    ]);
  });
});

describe("gcp-container-cluster-enable-intranode-visibility", () => {
  it("fails when intranode visibility is off or unset (the provider's default is off)", () => {
    expect(changed(intranode, "enableIntranodeVisibility", false)).toEqual([
      "enableIntranodeVisibility is false, so traffic between pods on the same node bypasses VPC flow logs and firewall rules. Set it to true.",
    ]);
    expect(changed(intranode, "enableIntranodeVisibility", undefined)).toEqual([
      "enableIntranodeVisibility is not set, so traffic between pods on the same node bypasses VPC flow logs and firewall rules. Set it to true.",
    ]);
  });

  it("passes Autopilot, which always has it on", () => {
    const autopilot = mutate(
      mutate(CLUSTER, "enableIntranodeVisibility", undefined),
      "enableAutopilot",
      true,
    );
    expect(cluster(intranode, autopilot)).toEqual([]);
  });
});

describe("gcp-container-cluster-enable-security-posture", () => {
  it("passes BASIC and ENTERPRISE, with or without a vulnerability mode", () => {
    expect(changed(posture, "securityPostureConfig.mode", "ENTERPRISE")).toEqual([]);
    expect(
      changed(posture, "securityPostureConfig.vulnerabilityMode", "VULNERABILITY_DISABLED"),
    ).toEqual([]);
  });

  it("fails when the posture dashboard is off or left to GKE's default", () => {
    expect(changed(posture, "securityPostureConfig.mode", "DISABLED")).toEqual([
      'securityPostureConfig.mode is "DISABLED", so no security posture audit of the cluster\'s workloads is declared. Set it to "BASIC" (or "ENTERPRISE").',
    ]);
    expect(changed(posture, "securityPostureConfig", undefined)).toEqual([
      'securityPostureConfig.mode is not set, so no security posture audit of the cluster\'s workloads is declared. Set it to "BASIC" (or "ENTERPRISE").',
    ]);
  });
});
