import { beforeAll, describe, expect, it } from "vitest";
import { gcpPolicies } from "../../../policy-packs/policies/gcp";
import { reviewResources } from "../../helpers/aws-target-review";
import {
  PROJECT,
  REGION,
  agent,
  named,
  ofType,
  resolve,
  runProgram,
  setGcpMocks,
  type RecordedResource,
} from "../../helpers/gcp-target-mocks";
import { runResourcePolicy } from "../../helpers/policy";

type Cluster = typeof import("../../../components/gcp/cluster");
type Kms = typeof import("../../../components/gcp/kms");
type Net = typeof import("../../../components/gcp/network");
type Agents = typeof import("../../../components/gcp/shared/agents");
type ClusterArgs = import("../../../components/gcp/cluster").PrivateClusterArgs;
let gke: Cluster;
let kms: Kms;
let net: Net;
let agents: Agents;

const CLUSTER_TYPE = "gcp:container/cluster:Cluster";
const POOL_TYPE = "gcp:container/nodePool:NodePool";
const MEMBER_TYPE = "gcp:projects/iAMMember:IAMMember";
const labels = {
  "enclave-tenant": "acme",
  "enclave-environment": "prod",
  "enclave-stack": "gcp-prod",
  "enclave-classification": "confidential",
  "enclave-owner": "acme",
  "managed-by": "pulumi",
};
const IMAGES = [
  "quay.io/keycloak/keycloak:26.7.3@sha256:ff4257d0d64efbe99ed1ddfaf07765cc3c36dc7518bf8324d41961327f441c54",
  "europe-west1-docker.pkg.dev/enclave-test/enclave/diffgram/default@sha256:0000000000000000000000000000000000000000000000000000000000000000",
];
const RANGES = {
  subnetCidr: "10.60.0.0/20",
  podsCidr: "10.64.0.0/14",
  servicesCidr: "10.68.0.0/20",
  controlPlaneCidr: "172.16.0.16/28",
};

beforeAll(async () => {
  await setGcpMocks();
  gke = await import("../../../components/gcp/cluster");
  kms = await import("../../../components/gcp/kms");
  net = await import("../../../components/gcp/network");
  agents = await import("../../../components/gcp/shared/agents");
});

/** The target's composition: the network, the key ring (its bindings grant the keys), the cluster. */
const footprint = (over: Partial<ClusterArgs> = {}, airGapped = false) => {
  const network = new net.PrivateNetwork("acme", {
    project: PROJECT,
    region: REGION,
    namePrefix: "enclave-acme-prod",
    ranges: RANGES,
    airGapped,
  });
  const ring = new kms.TenantKeyRing("acme", {
    project: PROJECT,
    location: REGION,
    ringName: "enclave-acme-prod",
    protectionLevel: "SOFTWARE",
    keys: kms.defaultKeyUses(agents.serviceAgents("123456789012")),
    labels,
  });
  return new gke.PrivateCluster("acme", {
    project: PROJECT,
    location: REGION,
    clusterName: "enclave-acme-prod",
    nodeAccountId: "enclave-acme-prod-nodes",
    network,
    controlPlaneCidr: RANGES.controlPlaneCidr,
    adminCidrs: ["10.8.0.0/16"],
    publicEndpoint: false,
    keys: { secrets: ring.keyIds.cluster, volumes: ring.keyIds.volumes },
    keyGrants: [ring],
    releaseChannel: "REGULAR",
    securityPosture: "BASIC",
    maintenanceWindow: gke.DEFAULT_MAINTENANCE_WINDOW,
    nodes: gke.NODE_POOL_DEFAULTS.prod,
    imagePull: {
      repositories: [{ location: REGION, repository: "enclave" }],
    },
    admittedImages: gke.admissionPatterns(IMAGES),
    labels,
    ...over,
  });
};

const KEY_RING = `projects/${PROJECT}/locations/${REGION}/keyRings/enclave-acme-prod`;
const clusterOf = (resources: RecordedResource[]) => named(resources, CLUSTER_TYPE, "acme-gke");
const poolOf = (resources: RecordedResource[]) => named(resources, POOL_TYPE, "acme-pool");

describe("PrivateCluster", () => {
  it("builds a private, VPC-native cluster on the stack's subnet with the admin allowlist", async () => {
    const { resources } = await runProgram(() => footprint());
    const cluster = clusterOf(resources);
    const subnet = named(resources, "gcp:compute/subnetwork:Subnetwork", "acme-nodes");
    const vpc = named(resources, "gcp:compute/network:Network", "acme-vpc");
    expect(cluster.inputs).toMatchObject({
      project: PROJECT,
      location: REGION,
      name: "enclave-acme-prod",
      network: vpc.state.selfLink,
      subnetwork: subnet.state.selfLink,
      networkingMode: "VPC_NATIVE",
      ipAllocationPolicy: {
        clusterSecondaryRangeName: "pods",
        servicesSecondaryRangeName: "services",
        stackType: "IPV4",
      },
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: true,
        masterIpv4CidrBlock: "172.16.0.16/28",
      },
      masterAuthorizedNetworksConfig: {
        cidrBlocks: [{ cidrBlock: "10.8.0.0/16", displayName: "enclave-admin-0" }],
        gcpPublicCidrsAccessEnabled: false,
        privateEndpointEnforcementEnabled: true,
      },
      controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: false } },
    });
    expect(vpc.state.selfLink).toMatch(/^https:\/\/www.googleapis.com\/compute\/v1\/projects\//);
  });

  it("hardens identity, encryption, admission, upgrades and logging", async () => {
    const { resources } = await runProgram(() => footprint());
    const cluster = clusterOf(resources);
    expect(cluster.inputs).toMatchObject({
      workloadIdentityConfig: { workloadPool: `${PROJECT}.svc.id.goog` },
      datapathProvider: "ADVANCED_DATAPATH",
      databaseEncryption: { state: "ENCRYPTED", keyName: `${KEY_RING}/cryptoKeys/cluster` },
      binaryAuthorization: { evaluationMode: "PROJECT_SINGLETON_POLICY_ENFORCE" },
      releaseChannel: { channel: "REGULAR" },
      maintenancePolicy: {
        recurringWindow: {
          startTime: "2026-01-03T01:00:00Z",
          endTime: "2026-01-03T09:00:00Z",
          recurrence: "FREQ=WEEKLY;BYDAY=SA,SU",
        },
      },
      enableLegacyAbac: false,
      enableKubernetesAlpha: false,
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      enableIntranodeVisibility: true,
      enableShieldedNodes: true,
      loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "APISERVER", "WORKLOADS"] },
      monitoringConfig: {
        enableComponents: ["SYSTEM_COMPONENTS", "APISERVER", "SCHEDULER", "CONTROLLER_MANAGER"],
        managedPrometheus: { enabled: true },
      },
      securityPostureConfig: { mode: "BASIC" },
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: true,
      resourceLabels: labels,
    });
    expect(cluster.inputs.securityPostureConfig.vulnerabilityMode).toBeUndefined();
    expect(cluster.protect).toBe(true);
    expect(cluster.parentName).toBe("acme");
  });

  it("opens the public endpoint only when asked, still limited to the admin allowlist", async () => {
    const { resources } = await runProgram(() =>
      footprint({ publicEndpoint: true, adminCidrs: ["203.0.113.0/24", "10.8.0.0/16"] }),
    );
    const cluster = clusterOf(resources);
    expect(cluster.inputs.privateClusterConfig.enablePrivateEndpoint).toBe(false);
    expect(cluster.inputs.masterAuthorizedNetworksConfig.cidrBlocks).toEqual([
      { cidrBlock: "203.0.113.0/24", displayName: "enclave-admin-0" },
      { cidrBlock: "10.8.0.0/16", displayName: "enclave-admin-1" },
    ]);
  });

  it("the public endpoint is an opt-out the packs flag, until the stack accepts it in enclave:policy", async () => {
    const { resources } = await runProgram(() =>
      footprint({ publicEndpoint: true, adminCidrs: ["203.0.113.0/24"] }),
    );
    expect(reviewResources(resources)).toEqual([
      {
        policy: "gcp-container-cluster-restrict-control-plane-access",
        resource: "acme-gke",
        message:
          "The control plane has a public endpoint, limited to 203.0.113.0/24. Keep the endpoint private, or accept this exposure explicitly with allowPublicEndpointWithAuthorizedNetworks: true for this policy in enclave:policy.",
      },
    ]);
    expect(
      reviewResources(resources, {
        "gcp-container-cluster-restrict-control-plane-access": {
          allowPublicEndpointWithAuthorizedNetworks: true,
        },
      }),
    ).toEqual([]);
  });

  it("hardens the short-lived default pool as the node pool", async () => {
    const { resources } = await runProgram(() => footprint());
    expect(clusterOf(resources).inputs.nodeConfig).toEqual(poolOf(resources).inputs.nodeConfig);
  });

  it("runs one private, autoscaled, auto-repaired pool of shielded COS nodes with CMEK disks", async () => {
    const { resources } = await runProgram(() => footprint());
    const pool = poolOf(resources);
    const account = named(resources, "gcp:serviceaccount/account:Account", "acme-nodes");
    expect(pool.inputs).toMatchObject({
      project: PROJECT,
      location: REGION,
      cluster: clusterOf(resources).id,
      name: "enclave-nodes",
      initialNodeCount: 1,
      autoscaling: { minNodeCount: 1, maxNodeCount: 4, locationPolicy: "BALANCED" },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { strategy: "SURGE", maxSurge: 1, maxUnavailable: 0 },
      networkConfig: { enablePrivateNodes: true },
    });
    expect(pool.inputs.nodeConfig).toEqual({
      machineType: "n2-standard-4",
      imageType: "COS_CONTAINERD",
      diskType: "pd-balanced",
      diskSizeGb: 100,
      bootDiskKmsKey: `${KEY_RING}/cryptoKeys/volumes`,
      serviceAccount: account.state.email,
      oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      workloadMetadataConfig: { mode: "GKE_METADATA" },
      metadata: { "disable-legacy-endpoints": "true" },
      kubeletConfig: { insecureKubeletReadonlyPortEnabled: "FALSE" },
      resourceLabels: labels,
    });
    expect(account.state.email).toBe(`enclave-acme-prod-nodes@${PROJECT}.iam.gserviceaccount.com`);
    expect(pool.parentName).toBe("acme");
  });

  it("gives the node service account the four monitoring roles and reader on the named repository only", async () => {
    const { resources } = await runProgram(() => footprint());
    const member = `serviceAccount:enclave-acme-prod-nodes@${PROJECT}.iam.gserviceaccount.com`;
    const grants = ofType(resources, MEMBER_TYPE).map((r) => r.inputs);
    expect(grants).toEqual(
      [
        "roles/logging.logWriter",
        "roles/monitoring.metricWriter",
        "roles/monitoring.viewer",
        "roles/stackdriver.resourceMetadata.writer",
      ].map((role) => ({ project: PROJECT, role, member })),
    );
    const pulls = ofType(
      resources,
      "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember",
    ).map((r) => r.inputs);
    expect(pulls).toEqual([
      {
        project: PROJECT,
        location: REGION,
        repository: "enclave",
        role: "roles/artifactregistry.reader",
        member,
      },
    ]);
    // The cluster and the pool wait for every grant (nodes log and pull from their first boot).
    for (const r of [clusterOf(resources), poolOf(resources)]) {
      expect(r.dependsOn, r.name).toEqual(
        expect.arrayContaining([
          "acme",
          "acme-nodes-logging-logwriter",
          "acme-nodes-stackdriver-resourcemetadata-writer",
          "acme-nodes-pull-0",
        ]),
      );
    }
  });

  it("falls back to a project-wide registry reader, or none, as asked", async () => {
    const project = await runProgram(() => footprint({ imagePull: "project" }));
    expect(ofType(project.resources, MEMBER_TYPE).map((r) => r.inputs.role)).toContain(
      "roles/artifactregistry.reader",
    );
    const none = await runProgram(() => footprint({ imagePull: "none" }));
    const roles = ofType(none.resources, MEMBER_TYPE).map((r) => r.inputs.role);
    expect(roles).toHaveLength(4);
    expect(roles).not.toContain("roles/artifactregistry.reader");
    expect(
      ofType(none.resources, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember"),
    ).toEqual([]);
  });

  it("admits only the stack's repositories and Google's system images, denying and logging the rest", async () => {
    const { resources } = await runProgram(() => footprint());
    const policy = named(
      resources,
      "gcp:binaryauthorization/policy:Policy",
      "acme-admission",
    ).inputs;
    expect(policy).toMatchObject({
      project: PROJECT,
      globalPolicyEvaluationMode: "ENABLE",
      defaultAdmissionRule: {
        evaluationMode: "ALWAYS_DENY",
        enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
      },
      admissionWhitelistPatterns: [
        { namePattern: "quay.io/keycloak/keycloak@*" },
        { namePattern: "quay.io/keycloak/keycloak:*" },
        { namePattern: "europe-west1-docker.pkg.dev/enclave-test/enclave/diffgram/default@*" },
        { namePattern: "europe-west1-docker.pkg.dev/enclave-test/enclave/diffgram/default:*" },
      ],
    });
    expect(clusterOf(resources).dependsOn).toContain("acme-admission");
  });

  it("leaves the keys' grants to the key ring: GKE's agent on the secrets key, Compute's on the volumes key", async () => {
    const { resources } = await runProgram(() => footprint());
    const binding = (purpose: string) =>
      named(resources, "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding", `acme-${purpose}-users`)
        .inputs;
    expect(binding("cluster").members).toEqual([agent("container-engine-robot")]);
    expect(binding("volumes").members).toEqual([agent("compute-system")]);
    // The cluster component itself grants no key (only the ring's five bindings exist), and waits for the ring.
    expect(resources.filter((r) => /^gcp:kms\/.*IAM/.test(r.type)).map((r) => r.name)).toEqual(
      ["cluster", "volumes", "storage", "database", "logs"].map((p) => `acme-${p}-users`),
    );
    expect(clusterOf(resources).dependsOn).toContain("acme");
  });

  it("outputs the name, endpoint, CA, a plugin kubeconfig, a provider and the workload pool", async () => {
    const { resources, result } = await runProgram(() => footprint());
    const cluster = clusterOf(resources);
    expect(await resolve(result.clusterName)).toBe("enclave-acme-prod");
    expect(await resolve(result.clusterId)).toBe(
      `projects/${PROJECT}/locations/${REGION}/clusters/enclave-acme-prod`,
    );
    expect(await resolve(result.endpoint)).toBe(cluster.state.endpoint);
    expect(await resolve(result.caCertificate)).toBe(cluster.state.masterAuth.clusterCaCertificate);
    expect(result.workloadIdentityPool).toBe(`${PROJECT}.svc.id.goog`);
    const config = JSON.parse(await resolve(result.kubeconfig));
    const context = `gke_${PROJECT}_${REGION}_enclave-acme-prod`;
    expect(config["current-context"]).toBe(context);
    expect(config.clusters).toEqual([
      {
        name: context,
        cluster: {
          server: `https://${cluster.state.endpoint}`,
          "certificate-authority-data": cluster.state.masterAuth.clusterCaCertificate,
        },
      },
    ]);
    expect(config.users[0].user.exec).toMatchObject({
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "gke-gcloud-auth-plugin",
      provideClusterInfo: true,
    });
    expect(JSON.stringify(config)).not.toMatch(/token|password|client-key/);
    const provider = named(resources, "pulumi:providers:kubernetes", "acme-k8s");
    expect(provider.inputs.kubeconfig).toBe(await resolve(result.kubeconfig));
    expect(provider.dependsOn).toEqual(["acme-pool", "acme-admission"]);
  });

  it("passes every enclave policy, judged by every GKE cluster and node pool policy", async () => {
    const { resources } = await runProgram(() => footprint());
    expect(reviewResources(resources)).toEqual([]);
    const cluster = clusterOf(resources);
    const pool = poolOf(resources);
    const container = gcpPolicies.filter((p) => p.name.startsWith("gcp-container-"));
    expect(container.length).toBeGreaterThanOrEqual(18);
    for (const policy of container) {
      const outcomes = [cluster, pool].map((r) =>
        runResourcePolicy(policy as Parameters<typeof runResourcePolicy>[0], {
          type: r.type,
          props: r.inputs,
          opts: { protect: true },
        }),
      );
      expect(
        outcomes.some((o) => o.notApplicable === undefined),
        policy.name,
      ).toBe(true);
      for (const o of outcomes) {
        expect(o.violations, policy.name).toEqual([]);
      }
    }
  });

  it("air-gapped, pulling every image from the project's Artifact Registry, passes every policy too", async () => {
    const mirrored = [
      "europe-west1-docker.pkg.dev/enclave-test/mirror/keycloak/keycloak@sha256:ff4257d0d64efbe99ed1ddfaf07765cc3c36dc7518bf8324d41961327f441c54",
    ];
    const { resources } = await runProgram(() =>
      footprint({ imagePull: "project", admittedImages: gke.admissionPatterns(mirrored) }, true),
    );
    expect(ofType(resources, "gcp:compute/routerNat:RouterNat")).toEqual([]);
    expect(
      named(resources, "gcp:binaryauthorization/policy:Policy", "acme-admission").inputs
        .admissionWhitelistPatterns,
    ).toEqual([
      { namePattern: "europe-west1-docker.pkg.dev/enclave-test/mirror/keycloak/keycloak@*" },
      { namePattern: "europe-west1-docker.pkg.dev/enclave-test/mirror/keycloak/keycloak:*" },
    ]);
    expect(reviewResources(resources)).toEqual([]);
  });

  it("the new GKE checks fire on the component's cluster made insecure, one property at a time", async () => {
    const { resources } = await runProgram(() => footprint());
    const cluster = clusterOf(resources);
    const judge = (name: string, props: Record<string, unknown>) =>
      runResourcePolicy(
        gcpPolicies.find((p) => p.name === name) as Parameters<typeof runResourcePolicy>[0],
        { type: CLUSTER_TYPE, props },
      ).violations;
    expect(
      judge("gcp-container-cluster-enable-intranode-visibility", {
        ...cluster.inputs,
        enableIntranodeVisibility: false,
      }),
    ).toHaveLength(1);
    expect(
      judge("gcp-container-cluster-enable-security-posture", {
        ...cluster.inputs,
        securityPostureConfig: { mode: "DISABLED" },
      }),
    ).toHaveLength(1);
    expect(judge("gcp-container-cluster-enable-intranode-visibility", cluster.inputs)).toEqual([]);
    expect(judge("gcp-container-cluster-enable-security-posture", cluster.inputs)).toEqual([]);
  });

  it("refuses bad names, sizes, windows, a public allowlist on a private endpoint and registry-wide admission", () => {
    const problems = gke.validateClusterArgs({
      project: PROJECT,
      location: REGION,
      clusterName: "Enclave_Acme",
      nodeAccountId: "gke",
      network: {
        networkSelfLink: "n",
        subnetworkSelfLink: "s",
        podsRangeName: "pods",
        servicesRangeName: "services",
      },
      controlPlaneCidr: "172.16.0.0/24",
      adminCidrs: ["198.51.100.0/24"],
      publicEndpoint: false,
      keys: { secrets: "k", volumes: "v" },
      keyGrants: [],
      releaseChannel: "RAPID" as "REGULAR",
      securityPosture: "DISABLED" as "BASIC",
      maintenanceWindow: {
        startTime: "2026-01-03T01:00:00Z",
        endTime: "2026-01-03T03:00:00Z",
        recurrence: "every weekend",
      },
      nodes: {
        machineType: "e2-standard-4",
        minNodesPerZone: 0,
        maxNodesPerZone: -1,
        diskSizeGb: 10,
      },
      imagePull: "none",
      admittedImages: ["docker.io/**", "quay.io/keycloak/keycloak@*", "keycloak/*"],
      labels,
    });
    expect(problems.map((p) => [p.path, p.problem])).toEqual([
      ["clusterName", "is not a GKE cluster name"],
      ["nodeAccountId", "is not a service account id"],
      ["controlPlaneCidr", "is not a private IPv4 /28"],
      [
        "adminCidrs[0]",
        "is a public network, but the control plane has a private endpoint only (master authorized networks must then be private ranges)",
      ],
      [
        "keyGrants",
        "is empty, so GKE could create the cluster and its disks before its service agents may use the keys, and fail",
      ],
      ["releaseChannel", "is not a release channel enclave accepts"],
      ["securityPosture", "is not a security posture tier"],
      ["maintenanceWindow", "is not a window of at least 4 hours between two RFC 3339 times"],
      ["maintenanceWindow.recurrence", "is not a daily or weekly RFC 5545 recurrence"],
      [
        "nodes.minNodesPerZone",
        "is not a whole number of at least 1, so GKE's system pods could have no node",
      ],
      ["nodes.maxNodesPerZone", "is not a whole number at or above minNodesPerZone (0)"],
      ["nodes.diskSizeGb", "is below the 20 GB a COS node needs for its images"],
      ["admittedImages[0]", "admits every image of the registry docker.io"],
      ["admittedImages[2]", "is not an image name pattern"],
    ]);
    expect(problems[12]).toEqual({
      path: "admittedImages[0]",
      value: "docker.io/**",
      problem: "admits every image of the registry docker.io",
      fix: "name the repositories the stack runs (admissionPatterns(images) does), or at least one path segment under the registry",
    });
  });

  it("admission patterns never reach a sibling repository or a whole registry", () => {
    expect(
      gke.admissionPatterns([
        "docker.io/library/traefik:v3.7.11@sha256:ab",
        "localhost:5000/app@sha256:cd",
      ]),
    ).toEqual([
      "docker.io/library/traefik@*",
      "docker.io/library/traefik:*",
      "localhost:5000/app@*",
      "localhost:5000/app:*",
    ]);
    expect(gke.validateAdmittedImages(gke.admissionPatterns(IMAGES))).toEqual([]);
    expect(
      gke.validateAdmittedImages(["docker.io/library/**", "gcr.io/*"]).map((p) => p.path),
    ).toEqual(["admittedImages[1]"]);
  });
});
