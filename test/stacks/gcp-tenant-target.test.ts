import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig } from "../../stacks/config";
import { GCP_PLATFORM_OUTPUTS } from "../../stacks/targets/gcp-platform-outputs";
import {
  admits,
  gcpPlatformClusterFrom,
  type GcpPlatformOutputValues,
} from "../../stacks/targets/gcp-tenant";
import { platformAdmittedImages } from "../../stacks/targets/gcp-platform";
import { readStackFile } from "../helpers/aws-target-stack";

/** What a GCP tenant accepts from the stack its enclave:platformStack names. */
const config = parseStackConfig(readStackFile("gcp-tenant-dedicated"), {
  project: "enclave",
  stack: "gcp-tenant-dedicated",
});
const MIRROR = "europe-west1-docker.pkg.dev/annotate-fleet-dev/globex-mirror";
const IMAGE = `${MIRROR}/diffgram/default:1.25.3@sha256:${"0".repeat(63)}1`;
const KEYCLOAK = "quay.io/keycloak/keycloak:26.4.2@sha256:" + "a".repeat(64);

const GOOD: GcpPlatformOutputValues = {
  stackRole: "platform",
  gcpProject: "annotate-fleet-dev",
  gcpRegion: "europe-west1",
  kubeconfig: "{}",
  clusterName: "enclave-platform-dev",
  clusterEndpoint: "10.213.0.2",
  clusterCaCertificate: "Y2E=",
  workloadIdentityPool: "annotate-fleet-dev.svc.id.goog",
  networkId: "projects/annotate-fleet-dev/global/networks/enclave-platform-dev-vpc",
  networkSelfLink:
    "https://www.googleapis.com/compute/v1/projects/annotate-fleet-dev/global/networks/enclave-platform-dev-vpc",
  subnetCidr: "10.60.0.0/20",
  podsCidr: "10.64.0.0/14",
  servicesCidr: "10.68.0.0/20",
  apiServerCidr: "172.16.0.16/28",
  googleApiCidrs: ["199.36.153.8/30"],
  serviceAccessRangeName: "enclave-platform-dev-psa",
  serviceAccessCidr: "10.72.0.0/20",
  admittedImages: ["quay.io/keycloak/keycloak@*", "quay.io/keycloak/keycloak:*", `${MIRROR}/**`],
  storageAuditLogTypes: ["ADMIN_READ", "DATA_READ", "DATA_WRITE"],
};

function problems(
  values: Partial<Record<string, unknown>>,
  images: readonly string[] = [IMAGE, KEYCLOAK],
): string[] {
  try {
    gcpPlatformClusterFrom(config, { ...GOOD, ...values } as GcpPlatformOutputValues, images);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return [];
}

describe("a GCP tenant's view of its platform stack", () => {
  it("takes every output of the contract", () => {
    expect(Object.keys(GOOD).sort()).toEqual([...GCP_PLATFORM_OUTPUTS].sort());
    expect(gcpPlatformClusterFrom(config, GOOD, [IMAGE, KEYCLOAK])).toEqual({
      stack: "gcp-platform",
      clusterName: "enclave-platform-dev",
      clusterEndpoint: "10.213.0.2",
      kubeconfig: "{}",
      workloadIdentityPool: "annotate-fleet-dev.svc.id.goog",
      networkId: GOOD.networkId,
      subnetCidr: "10.60.0.0/20",
      podsCidr: "10.64.0.0/14",
      servicesCidr: "10.68.0.0/20",
      apiServerCidr: "172.16.0.16/28",
      googleApiCidrs: ["199.36.153.8/30"],
      serviceAccessRangeName: "enclave-platform-dev-psa",
      serviceAccessCidr: "10.72.0.0/20",
    });
  });

  it("refuses a stack that lacks outputs, naming them", () => {
    expect(problems({ workloadIdentityPool: undefined, serviceAccessRangeName: null })).toEqual([
      'enclave:platformStack = "gcp-platform": names a stack that does not export workloadIdentityPool, serviceAccessRangeName. Fix: name a platform stack (enclave:stackRole: platform) that has been deployed with this version of enclave, or run `pulumi up` on gcp-platform.',
    ]);
  });

  it("refuses a stack that is not a platform", () => {
    expect(problems({ stackRole: "tenant" })).toEqual([
      'enclave:platformStack = "gcp-platform": names a stack whose stackRole output is tenant, not platform. Fix: name the platform stack (enclave:stackRole: platform) whose cluster this tenant takes.',
    ]);
  });

  it("refuses a platform in another project or region", () => {
    expect(problems({ gcpProject: "other-project", gcpRegion: "us-central1" })).toEqual([
      "enclave:platformStack = \"gcp-platform\": names a platform in gcp:project other-project, but this stack's gcp:project is annotate-fleet-dev. Fix: set gcp:project to other-project (the tenant's database joins the platform's VPC and its pods take the project's Workload Identity pool), or name a platform in annotate-fleet-dev.",
      "enclave:platformStack = \"gcp-platform\": names a platform in gcp:region us-central1, but this stack's gcp:region is europe-west1. Fix: set gcp:region to us-central1 (the tenant's bucket, database and keys live next to the cluster), or name a platform in europe-west1.",
    ]);
  });

  it("refuses a list output that is not a list of strings", () => {
    expect(problems({ googleApiCidrs: "199.36.153.8/30" })).toEqual([
      'enclave:platformStack = "gcp-platform": names a stack whose output googleApiCidrs is not a list of strings. Fix: redeploy gcp-platform with this version of enclave.',
    ]);
  });

  it("refuses a platform whose project logs no object reads or writes", () => {
    expect(problems({ storageAuditLogTypes: ["ADMIN_READ", "DATA_WRITE"] })).toEqual([
      'enclave:platformStack = "gcp-platform": names a platform whose project logs no DATA_READ Data Access audit logs for Cloud Storage, so nobody could say who read or wrote this tenant\'s objects. Fix: redeploy gcp-platform with this version of enclave (its storage audit config logs DATA_READ and DATA_WRITE).',
    ]);
  });

  it("refuses images the platform's Binary Authorization policy would refuse", () => {
    const other = "europe-west1-docker.pkg.dev/annotate-fleet-dev/initech-mirror/x:1@sha256:ab";
    expect(problems({}, [IMAGE, other])).toEqual([
      `enclave:platformStack = "gcp-platform": names a platform whose Binary Authorization policy (one per project, the platform's) would refuse ${other}. Fix: add the images' repository to enclave:gcp.tenantImageRepositories of gcp-platform and redeploy it, or mirror the images into a repository it admits.`,
    ]);
  });
});

describe("Binary Authorization patterns", () => {
  it("match as GKE matches them: * within a path segment, ** across", () => {
    expect(admits("quay.io/keycloak/keycloak@*", KEYCLOAK)).toBe(false);
    expect(admits("quay.io/keycloak/keycloak:*", KEYCLOAK)).toBe(true);
    expect(admits("quay.io/keycloak/keycloak:*", "quay.io/keycloak/keycloak:1/evil:2")).toBe(false);
    expect(admits(`${MIRROR}/**`, IMAGE)).toBe(true);
    expect(admits(`${MIRROR}/**`, `${MIRROR}-other/x:1`)).toBe(false);
    expect(admits("a.io/x", "a.io/x")).toBe(true);
  });

  it("a platform admits the kit's upstream images and its tenants' mirrors", () => {
    const patterns = platformAdmittedImages([MIRROR]);
    expect(patterns).toContain("quay.io/jetstack/cert-manager-controller@*");
    expect(patterns).toContain("quay.io/keycloak/keycloak:*");
    expect(patterns.at(-1)).toBe(`${MIRROR}/**`);
  });
});
