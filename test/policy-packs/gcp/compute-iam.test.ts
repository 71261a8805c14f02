import { describe, expect, it } from "vitest";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";
import { GCP } from "../../../policy-packs/lib/gcp/types";
import { runResourcePolicy } from "../../helpers/policy";
import { itRefusesTheInternetInPieces } from "../../helpers/internet-splits";
import { FIREWALL, PROJECT_IAM_MEMBER, SUBNETWORK, mutate } from "../../helpers/gcp-fixtures";
import firewall from "../../../policy-packs/policies/gcp/gcp-compute-firewall-restrict-public-ingress";
import basicRoles from "../../../policy-packs/policies/gcp/gcp-iam-binding-disallow-basic-roles";
import impersonation from "../../../policy-packs/policies/gcp/gcp-iam-binding-disallow-service-account-impersonation";
import computeDefault from "../../../policy-packs/policies/gcp/gcp-iam-binding-disallow-default-compute-service-account";
import saAdmin from "../../../policy-packs/policies/gcp/gcp-iam-binding-disallow-service-account-admin-roles";
import saKey from "../../../policy-packs/policies/gcp/gcp-serviceaccount-key-disallow-user-managed";
import flowLogs from "../../../policy-packs/policies/gcp/gcp-compute-subnetwork-enable-flow-logs";

const run = (policy: EnclaveResourcePolicy, type: string, props: Record<string, unknown>) => {
  const outcome = runResourcePolicy(policy, { type, props });
  expect(outcome.notApplicable).toBeUndefined();
  return outcome.violations;
};
const rule = (path: string, value: unknown) =>
  run(firewall, GCP.firewall, mutate(FIREWALL, path, value));

describe("gcp-compute-firewall-restrict-public-ingress", () => {
  itRefusesTheInternetInPieces((ranges) => rule("sourceRanges", ranges));

  it("passes the compliant rule, deny rules, egress rules and disabled rules", () => {
    expect(run(firewall, GCP.firewall, FIREWALL)).toEqual([]);
    const open = mutate(FIREWALL, "sourceRanges", ["0.0.0.0/0"]);
    expect(
      run(firewall, GCP.firewall, {
        ...mutate(open, "allows", undefined),
        denies: [{ protocol: "all" }],
      }),
    ).toEqual([]);
    expect(run(firewall, GCP.firewall, { ...open, direction: "EGRESS" })).toEqual([]);
    expect(run(firewall, GCP.firewall, { ...open, disabled: true })).toEqual([]);
  });

  it("fails ingress from the whole internet", () => {
    const props = mutate(mutate(FIREWALL, "sourceRanges", ["10.0.0.0/8", "0.0.0.0/0"]), "allows", [
      { protocol: "tcp", ports: ["22", "3389"] },
      { protocol: "udp" },
    ]);
    expect(run(firewall, GCP.firewall, props)).toEqual([
      "sourceRanges: 0.0.0.0/0 is broader than IPv4 /8 (a share of the internet, not a network), admitted to tcp:22,3389; udp (all ports). Restrict it to known networks.",
    ]);
    expect(rule("sourceRanges", ["::/0"])).toEqual([
      "sourceRanges: ::/0 is broader than IPv6 /32 (a share of the internet, not a network), admitted to tcp:443. Restrict it to known networks.",
    ]);
  });

  it("fails a rule with no source at all, which GCP applies to every address", () => {
    expect(
      run(
        firewall,
        GCP.firewall,
        mutate(mutate(FIREWALL, "sourceRanges", undefined), "allows", [{ protocol: "all" }]),
      ),
    ).toEqual([
      "The rule sets no sourceRanges, sourceTags or sourceServiceAccounts, so it admits every address to all. Set sourceRanges to known networks.",
    ]);
    expect(
      run(firewall, GCP.firewall, {
        ...mutate(FIREWALL, "sourceRanges", undefined),
        sourceTags: ["bastion"],
      }),
    ).toEqual([]);
  });
});

describe("gcp-iam-binding-disallow-basic-roles", () => {
  it("passes predefined roles", () => {
    expect(run(basicRoles, GCP.projectIamMember, PROJECT_IAM_MEMBER)).toEqual([]);
  });

  it("fails basic roles on projects, folders and organizations", () => {
    expect(
      run(basicRoles, GCP.projectIamMember, { ...PROJECT_IAM_MEMBER, role: "roles/editor" }),
    ).toEqual([
      "member grants the basic role roles/editor at project level to group:devs@example.com. Grant predefined roles scoped to the task instead.",
    ]);
    expect(
      run(basicRoles, GCP.folderIamBinding, {
        folder: "folders/1",
        role: "roles/viewer",
        members: ["user:a@example.com", "user:b@example.com"],
      }),
    ).toEqual([
      "members grants the basic role roles/viewer at folder level to user:a@example.com, user:b@example.com. Grant predefined roles scoped to the task instead.",
    ]);
    const policyData = JSON.stringify({
      bindings: [
        { role: "roles/owner", members: ["user:root@example.com"] },
        { role: "roles/browser", members: ["group:all@example.com"] },
      ],
    });
    expect(run(basicRoles, GCP.organizationIamPolicy, { orgId: "1", policyData })).toEqual([
      "policyData.bindings[0] grants the basic role roles/owner at organization level to user:root@example.com. Grant predefined roles scoped to the task instead.",
    ]);
  });
});

describe("gcp-iam-binding-disallow-service-account-impersonation", () => {
  it("passes other roles", () => {
    expect(run(impersonation, GCP.projectIamMember, PROJECT_IAM_MEMBER)).toEqual([]);
  });

  it("fails Service Account User and Token Creator at project level", () => {
    expect(
      run(impersonation, GCP.projectIamMember, {
        ...PROJECT_IAM_MEMBER,
        role: "roles/iam.serviceAccountUser",
      }),
    ).toEqual([
      "member grants roles/iam.serviceAccountUser at project level to group:devs@example.com, who can then act as every service account in the project. Grant it on the individual service accounts instead.",
    ]);
    expect(
      run(impersonation, GCP.projectIamBinding, {
        project: "p",
        role: "roles/iam.serviceAccountTokenCreator",
        members: ["serviceAccount:ci@p.iam.gserviceaccount.com"],
      }),
    ).toEqual([
      "members grants roles/iam.serviceAccountTokenCreator at project level to serviceAccount:ci@p.iam.gserviceaccount.com, who can then act as every service account in the project. Grant it on the individual service accounts instead.",
    ]);
  });
});

describe("gcp-serviceaccount-key-disallow-user-managed", () => {
  it("fails every user-managed key, created or uploaded, under the current and the legacy token", () => {
    expect(
      run(saKey, GCP.serviceAccountKey, { serviceAccountId: "app@p.iam.gserviceaccount.com" }),
    ).toEqual([
      "This resource creates a user-managed service account key; its private key is stored in the Pulumi state and stays valid until deleted. Use Workload Identity or impersonation instead.",
    ]);
    expect(
      run(saKey, GCP.serviceAccountKeyLegacy, {
        serviceAccountId: "app",
        publicKeyData: "LS0tLS1CRUdJTi...",
      }),
    ).toEqual([
      "This resource uploads a user-managed service account key, a long-lived credential that Google does not rotate. Use Workload Identity or impersonation instead.",
    ]);
  });
});

describe("gcp-compute-subnetwork-enable-flow-logs", () => {
  const subnet = (path: string, value: unknown) =>
    run(flowLogs, GCP.subnetwork, mutate(SUBNETWORK, path, value));

  it("passes the compliant subnet, the sampling default, and proxy-only subnets", () => {
    expect(run(flowLogs, GCP.subnetwork, SUBNETWORK)).toEqual([]);
    expect(subnet("logConfig.flowSampling", undefined)).toEqual([]);
    expect(
      run(flowLogs, GCP.subnetwork, {
        ...mutate(SUBNETWORK, "logConfig", undefined),
        purpose: "REGIONAL_MANAGED_PROXY",
      }),
    ).toEqual([]);
  });

  it("fails a subnet without flow logs", () => {
    expect(subnet("logConfig", undefined)).toEqual([
      "logConfig is not set, so the subnet records no flow logs. Set logConfig (flowSampling 1, metadata INCLUDE_ALL_METADATA).",
    ]);
  });

  it("fails low sampling and flow logs without metadata", () => {
    expect(subnet("logConfig.flowSampling", 0.1)).toEqual([
      "logConfig.flowSampling is 0.1, below 0.5, so most flows go unrecorded. Set it to at least 0.5 (1 records every flow).",
    ]);
    expect(subnet("logConfig.metadata", "EXCLUDE_ALL_METADATA")).toEqual([
      'logConfig.metadata is "EXCLUDE_ALL_METADATA", so the flow logs do not say which VM, pod or service a flow belongs to. Set it to "INCLUDE_ALL_METADATA".',
    ]);
  });

  it("takes the minimum sampling from config", () => {
    const outcome = runResourcePolicy(flowLogs, {
      type: GCP.subnetwork,
      props: mutate(SUBNETWORK, "logConfig.flowSampling", 0.5),
      config: { minimumFlowSampling: 1 },
    });
    expect(outcome.violations).toEqual([
      "logConfig.flowSampling is 0.5, below 1, so most flows go unrecorded. Set it to at least 1 (1 records every flow).",
    ]);
  });
});

describe("gcp-iam-binding-disallow-default-compute-service-account", () => {
  const COMPUTE = "serviceAccount:123456789012-compute@developer.gserviceaccount.com";

  it("passes grants to other principals, dedicated service accounts included", () => {
    expect(run(computeDefault, GCP.projectIamMember, PROJECT_IAM_MEMBER)).toEqual([]);
    expect(
      run(computeDefault, GCP.projectIamMember, {
        ...PROJECT_IAM_MEMBER,
        member: "serviceAccount:gke-nodes@enclave-prod.iam.gserviceaccount.com",
      }),
    ).toEqual([]);
  });

  it("fails any role granted to the Compute Engine default service account, at any level", () => {
    expect(
      run(computeDefault, GCP.projectIamMember, { ...PROJECT_IAM_MEMBER, member: COMPUTE }),
    ).toEqual([
      `member grants roles/container.developer at project level to ${COMPUTE}, the Compute Engine default service account that every VM and node without its own account runs as. Grant it to a dedicated service account instead.`,
    ]);
    expect(
      run(computeDefault, GCP.cryptoKeyIamBinding, {
        cryptoKeyId: "k",
        role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        members: ["serviceAccount:a@p.iam.gserviceaccount.com", ` ${COMPUTE.toUpperCase()} `],
      }),
    ).toEqual([
      `members grants roles/cloudkms.cryptoKeyEncrypterDecrypter at crypto key level to ${COMPUTE.toUpperCase()}, the Compute Engine default service account that every VM and node without its own account runs as. Grant it to a dedicated service account instead.`,
    ]);
    const policyData = JSON.stringify({
      bindings: [{ role: "roles/storage.objectViewer", members: [COMPUTE] }],
    });
    expect(run(computeDefault, GCP.bucketIamPolicy, { bucket: "b", policyData })).toEqual([
      `policyData.bindings[0] grants roles/storage.objectViewer at bucket level to ${COMPUTE}, the Compute Engine default service account that every VM and node without its own account runs as. Grant it to a dedicated service account instead.`,
    ]);
  });
});

describe("gcp-iam-binding-disallow-service-account-admin-roles", () => {
  const SA = "serviceAccount:ci@enclave-prod.iam.gserviceaccount.com";

  it("passes narrow roles for service accounts and admin roles for people", () => {
    expect(
      run(saAdmin, GCP.projectIamMember, {
        ...PROJECT_IAM_MEMBER,
        role: "roles/logging.logWriter",
        member: SA,
      }),
    ).toEqual([]);
    expect(
      run(saAdmin, GCP.projectIamMember, { ...PROJECT_IAM_MEMBER, role: "roles/container.admin" }),
    ).toEqual([]);
  });

  it("fails predefined and custom admin roles granted to service accounts at every level", () => {
    expect(
      run(saAdmin, GCP.projectIamMember, {
        ...PROJECT_IAM_MEMBER,
        role: "roles/resourcemanager.projectIamAdmin",
        member: SA,
      }),
    ).toEqual([
      `member grants the administrator role roles/resourcemanager.projectIamAdmin at project level to the service account(s) ${SA}. Grant narrow roles on the resources the account uses instead.`,
    ]);
    expect(
      run(saAdmin, GCP.folderIamBinding, {
        folder: "folders/1",
        role: "organizations/1/roles/deployAdmin",
        members: ["group:ops@example.com", SA],
      }),
    ).toEqual([
      `members grants the administrator role organizations/1/roles/deployAdmin at folder level to the service account(s) ${SA}. Grant narrow roles on the resources the account uses instead.`,
    ]);
    const policyData = JSON.stringify({
      bindings: [
        { role: "roles/storage.admin", members: [SA] },
        { role: "roles/storage.objectViewer", members: [SA] },
      ],
    });
    expect(run(saAdmin, GCP.organizationIamPolicy, { orgId: "1", policyData })).toEqual([
      `policyData.bindings[0] grants the administrator role roles/storage.admin at organization level to the service account(s) ${SA}. Grant narrow roles on the resources the account uses instead.`,
    ]);
  });
});
