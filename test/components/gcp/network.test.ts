import { beforeAll, describe, expect, it } from "vitest";
import { reviewResources } from "../../helpers/aws-target-review";
import {
  PROJECT,
  REGION,
  named,
  ofType,
  runProgram,
  setGcpMocks,
  type RecordedResource,
} from "../../helpers/gcp-target-mocks";

type Net = typeof import("../../../components/gcp/network");
let net: Net;

const RANGES = {
  subnetCidr: "10.60.0.0/20",
  podsCidr: "10.64.0.0/14",
  servicesCidr: "10.68.0.0/20",
  controlPlaneCidr: "172.16.0.16/28",
};

beforeAll(async () => {
  await setGcpMocks();
  net = await import("../../../components/gcp/network");
});

const build = (airGapped: boolean, ranges = RANGES) =>
  runProgram(
    () =>
      new net.PrivateNetwork("acme", {
        project: PROJECT,
        region: REGION,
        namePrefix: "enclave-acme-prod",
        ranges,
        airGapped,
      }),
  );

const firewalls = (resources: RecordedResource[]) =>
  ofType(resources, "gcp:compute/firewall:Firewall").map((f) => f.inputs);

describe("PrivateNetwork", () => {
  it("builds a custom-mode VPC without default routes, never the default network", async () => {
    const { resources } = await build(false);
    const vpc = named(resources, "gcp:compute/network:Network", "acme-vpc");
    expect(vpc.inputs).toMatchObject({
      project: PROJECT,
      name: "enclave-acme-prod-vpc",
      autoCreateSubnetworks: false,
      routingMode: "REGIONAL",
      deleteDefaultRoutesOnCreate: true,
    });
    expect(vpc.parentName).toBe("acme");
    for (const r of resources.filter((x) => "network" in x.inputs)) {
      expect(r.inputs.network, r.name).toBe(vpc.id);
    }
    expect(vpc.id).toBe(`projects/${PROJECT}/global/networks/enclave-acme-prod-vpc`);
  });

  it("gives the nodes one private subnet with secondary ranges, Private Google Access and flow logs", async () => {
    const { resources } = await build(false);
    const subnet = named(resources, "gcp:compute/subnetwork:Subnetwork", "acme-nodes");
    expect(subnet.inputs).toMatchObject({
      region: REGION,
      name: "enclave-acme-prod-nodes",
      purpose: "PRIVATE",
      stackType: "IPV4_ONLY",
      ipCidrRange: "10.60.0.0/20",
      secondaryIpRanges: [
        { rangeName: "pods", ipCidrRange: "10.64.0.0/14" },
        { rangeName: "services", ipCidrRange: "10.68.0.0/20" },
      ],
      privateIpGoogleAccess: true,
      logConfig: {
        aggregationInterval: "INTERVAL_5_SEC",
        flowSampling: 1,
        metadata: "INCLUDE_ALL_METADATA",
      },
    });
    expect(ofType(resources, "gcp:compute/subnetwork:Subnetwork")).toHaveLength(1);
  });

  it("with egress: one internet route and Cloud NAT for the subnet, nothing public", async () => {
    const { resources, result } = await build(false);
    expect(result.egress).toBe(true);
    const routes = ofType(resources, "gcp:compute/route:Route").map((r) => r.inputs);
    expect(routes).toEqual([
      expect.objectContaining({
        destRange: "0.0.0.0/0",
        nextHopGateway: "default-internet-gateway",
      }),
    ]);
    const nat = named(resources, "gcp:compute/routerNat:RouterNat", "acme-nat");
    const router = named(resources, "gcp:compute/router:Router", "acme-router");
    const subnet = named(resources, "gcp:compute/subnetwork:Subnetwork", "acme-nodes");
    expect(nat.inputs).toMatchObject({
      region: REGION,
      router: router.state.name,
      natIpAllocateOption: "AUTO_ONLY",
      sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
      subnetworks: [{ name: subnet.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
      logConfig: { enable: true, filter: "ERRORS_ONLY" },
    });
    // Google APIs resolve to private.googleapis.com, so NetworkPolicies name one /30 for them.
    expect(result.googleApiCidrs).toEqual(["199.36.153.8/30"]);
    const zones = ofType(resources, "gcp:dns/managedZone:ManagedZone").map((z) => z.inputs);
    expect(zones.map((z) => [z.dnsName, z.visibility])).toEqual([
      ["googleapis.com.", "private"],
      ["gcr.io.", "private"],
      ["pkg.dev.", "private"],
    ]);
    const records = ofType(resources, "gcp:dns/recordSet:RecordSet").map((r) => r.inputs);
    const vip = ["199.36.153.8", "199.36.153.9", "199.36.153.10", "199.36.153.11"];
    expect(records.map((r) => [r.name, r.type, r.rrdatas])).toEqual([
      ["private.googleapis.com.", "A", vip],
      ["*.googleapis.com.", "CNAME", ["private.googleapis.com."]],
      ["gcr.io.", "A", vip],
      ["*.gcr.io.", "CNAME", ["gcr.io."]],
      ["pkg.dev.", "A", vip],
      ["*.pkg.dev.", "CNAME", ["pkg.dev."]],
    ]);
  });

  it("air-gapped: no NAT, no internet route; Google APIs and registries through restricted.googleapis.com", async () => {
    const { resources, result } = await build(true);
    expect(result.egress).toBe(false);
    expect(ofType(resources, "gcp:compute/routerNat:RouterNat")).toEqual([]);
    expect(ofType(resources, "gcp:compute/router:Router")).toEqual([]);
    const routes = ofType(resources, "gcp:compute/route:Route").map((r) => r.inputs);
    expect(routes.map((r) => r.destRange)).toEqual(["199.36.153.4/30"]);
    const zones = ofType(resources, "gcp:dns/managedZone:ManagedZone").map((z) => z.inputs);
    expect(zones.map((z) => z.dnsName)).toEqual(["googleapis.com.", "gcr.io.", "pkg.dev."]);
    const vpc = named(resources, "gcp:compute/network:Network", "acme-vpc");
    for (const zone of zones) {
      expect(zone.visibility).toBe("private");
      expect(zone.privateVisibilityConfig).toEqual({ networks: [{ networkUrl: vpc.id }] });
    }
    const records = ofType(resources, "gcp:dns/recordSet:RecordSet").map((r) => [
      r.inputs.name,
      r.inputs.type,
      r.inputs.rrdatas,
    ]);
    const vip = ["199.36.153.4", "199.36.153.5", "199.36.153.6", "199.36.153.7"];
    expect(records).toEqual([
      ["restricted.googleapis.com.", "A", vip],
      ["*.googleapis.com.", "CNAME", ["restricted.googleapis.com."]],
      ["gcr.io.", "A", vip],
      ["*.gcr.io.", "CNAME", ["gcr.io."]],
      ["pkg.dev.", "A", vip],
      ["*.pkg.dev.", "CNAME", ["pkg.dev."]],
    ]);
    const egress = firewalls(resources).filter((f) => f.direction === "EGRESS");
    expect(egress.map((f) => [f.priority, f.destinationRanges, f.allows ?? f.denies])).toEqual([
      [1000, ["199.36.153.4/30"], [{ protocol: "tcp", ports: ["443"] }]],
      [
        1000,
        ["10.60.0.0/20", "10.64.0.0/14", "10.68.0.0/20", "172.16.0.16/28"],
        [{ protocol: "all" }],
      ],
      [65534, ["0.0.0.0/0"], [{ protocol: "all" }]],
    ]);
    expect(egress[2]!.denies).toEqual([{ protocol: "all" }]);
  });

  it("allows no ingress from the internet: the only ingress rule is a logged deny-all", async () => {
    for (const airGapped of [false, true]) {
      const { resources } = await build(airGapped);
      const ingress = firewalls(resources).filter((f) => f.direction === "INGRESS");
      expect(ingress).toEqual([
        expect.objectContaining({
          priority: 65534,
          sourceRanges: ["0.0.0.0/0"],
          denies: [{ protocol: "all" }],
          logConfig: { metadata: "INCLUDE_ALL_METADATA" },
        }),
      ]);
      expect(ingress[0]!.allows).toBeUndefined();
    }
  });

  it("logs DNS queries from the VPC", async () => {
    const { resources } = await build(false);
    const policy = named(resources, "gcp:dns/policy:Policy", "acme-dns-logging");
    const vpc = named(resources, "gcp:compute/network:Network", "acme-vpc");
    expect(policy.inputs).toMatchObject({
      enableLogging: true,
      enableInboundForwarding: false,
      networks: [{ networkUrl: vpc.id }],
    });
  });

  it("passes every policy, with egress and air-gapped", async () => {
    for (const airGapped of [false, true]) {
      const { resources } = await build(airGapped);
      expect(reviewResources(resources)).toEqual([]);
    }
  });

  it("refuses overlapping or public ranges, naming each", () => {
    expect(
      net.validateNetworkRanges({
        ...RANGES,
        podsCidr: "10.62.0.0/14",
        servicesCidr: "8.8.8.0/24",
      }),
    ).toEqual([
      {
        path: "podsCidr",
        value: "10.62.0.0/14",
        problem: "has host bits set after the prefix",
        fix: 'write the network address, "10.60.0.0/14"',
      },
      {
        path: "servicesCidr",
        value: "8.8.8.0/24",
        problem:
          "is not a private IPv4 range, so the services' secondary range would take addresses that belong to someone on the internet",
        fix: 'use a block inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, e.g. "10.68.0.0/20"',
      },
    ]);
    expect(net.validateNetworkRanges({ ...RANGES, podsCidr: "10.60.0.0/14" })).toEqual([
      {
        path: "podsCidr",
        value: "10.60.0.0/14",
        problem: "overlaps subnetCidr (10.60.0.0/20)",
        fix: "choose ranges that share no address, e.g. 10.60.0.0/20 for subnetCidr and 10.64.0.0/14 for podsCidr",
      },
    ]);
  });
});
