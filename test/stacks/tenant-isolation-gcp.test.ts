import { beforeAll, describe, expect, it } from "vitest";
import isolation from "../../policy-packs/policies/pulumi/pulumi-stack-tenant-enforce-isolation";
import { runProgram, setGcpMocks, type RecordedResource } from "../helpers/gcp-target-mocks";
import { readStackFile } from "../helpers/aws-target-stack";
import { runStackPolicy, type StackResourceInput } from "../helpers/policy";

/**
 * Two dedicated GCP tenants (acme and beta, both from gcp-tenant-dedicated) built by the real GCP
 * tenant target and app layer on one platform's outputs, as the platform's project holds them:
 * the isolation policy is silent on the kit's own shape, and fires once one tenant's storage
 * account is granted the other's bucket, or its bootstrap account trusts the other's namespace.
 */
type Config = typeof import("../../stacks/config");
type Target = typeof import("../../stacks/targets/gcp-tenant");
type PlatformStack = typeof import("../../stacks/targets/gcp-platform");
type App = typeof import("../../components/app");
type AppSettings = typeof import("../../stacks/config/app-settings");
let resources: RecordedResource[];

const REMOVE =
  "A tenant's grants name only its own resources, identities and namespaces: remove the reference.";
const MIRROR = "europe-west1-docker.pkg.dev/annotate-fleet-dev/mirror";

beforeAll(async () => {
  await setGcpMocks();
  const cfg: Config = await import("../../stacks/config");
  const target: Target = await import("../../stacks/targets/gcp-tenant");
  const platformStack: PlatformStack = await import("../../stacks/targets/gcp-platform");
  const app: App = await import("../../components/app");
  const appSettings: AppSettings = await import("../../stacks/config/app-settings");
  const values = {
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
    admittedImages: platformStack.platformAdmittedImages([MIRROR]),
    storageAuditLogTypes: ["ADMIN_READ", "DATA_READ", "DATA_WRITE"],
  };
  const parse = (tenant: string) =>
    cfg.parseStackConfig(
      {
        ...readStackFile("gcp-tenant-dedicated"),
        "enclave:tenant": tenant,
        "enclave:domain": `annotate.${tenant}-dev.example.com`,
      },
      { project: "enclave", stack: `gcp-${tenant}-dev` },
    );
  ({ resources } = await runProgram(() => {
    for (const config of [parse("acme"), parse("beta")]) {
      const { settings } = appSettings.resolveLayerSettings(config.app, config);
      const built = target.buildGcpTenantTarget(config, values, {
        images: Object.values(settings!.images),
        now: new Date("2026-12-04T00:00:00Z"),
      });
      new app.AppLayer(`enclave-${config.tenant}`, {
        platform: built.platform!,
        settings: settings!,
      });
    }
  }));
});

/** The resources as a stack policy sees them after the update: outputs, including the id. */
function asStack(edit: (r: RecordedResource) => Record<string, unknown> = (r) => r.state) {
  return resources
    .filter((r) => !r.type.startsWith("enclave:") && !r.type.startsWith("pulumi:"))
    .map((r): StackResourceInput => ({
      type: r.type,
      name: r.name,
      props: { ...edit(r), id: r.id },
      opts: { protect: r.protect ?? false },
    }));
}

const stateOf = (type: string, name: string) => {
  const r = resources.find((x) => x.type === type && x.name === name);
  if (!r) {
    throw new Error(`no ${type} ${name}`);
  }
  return r.state;
};

describe("isolation over two GCP tenants on one platform", () => {
  it("is silent on the kit's own two tenants", () => {
    const stack = asStack();
    expect(stack.filter((r) => r.name.startsWith("enclave-beta-dev")).length).toBeGreaterThan(20);
    expect(
      stack.filter((r) => r.type === "gcp:storage/bucketIAMMember:BucketIAMMember").length,
    ).toBeGreaterThan(2);
    expect(runStackPolicy(isolation, stack).violations).toEqual([]);
  });

  it("fires when acme's storage account is granted beta's bucket", () => {
    const betaBucket = stateOf("gcp:storage/bucket:Bucket", "enclave-beta-dev-storage-data").name;
    const stack = asStack((r) =>
      r.type === "gcp:storage/bucketIAMMember:BucketIAMMember" &&
      r.name.startsWith("enclave-acme-dev-diffgram-storage")
        ? { ...r.state, bucket: betaBucket }
        : r.state,
    );
    const found = runStackPolicy(isolation, stack).violations.map((v) => v.message);
    const account = "serviceAccount:en-acme-d-dg@annotate-fleet-dev.iam.gserviceaccount.com";
    expect(found).toEqual(
      ["objectUser", "legacyBucketReader"].map(
        (role) =>
          `BucketIAMMember "enclave-acme-dev-diffgram-storage-${role}" of tenant "beta" names tenant "acme": "${account}" in member. ${REMOVE}`,
      ),
    );
  });

  it("fires when acme's bootstrap account trusts a service account of beta's namespace", () => {
    const stack = asStack((r) =>
      r.type === "gcp:serviceaccount/iAMMember:IAMMember" &&
      r.name === "enclave-acme-dev-database-bootstrap-workload-identity"
        ? { ...r.state, member: String(r.state.member).replace("[enclave-acme/", "[enclave-beta/") }
        : r.state,
    );
    const found = runStackPolicy(isolation, stack).violations.map((v) => v.message);
    expect(found).toEqual([
      `IAMMember "enclave-acme-dev-database-bootstrap-workload-identity" of tenant "acme" names tenant "beta": "serviceAccount:annotate-fleet-dev.svc.id.goog[enclave-beta/database-bootstrap]" in member. ${REMOVE}`,
    ]);
  });
});
