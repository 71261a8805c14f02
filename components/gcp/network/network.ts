import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { throwIfProblems } from "../shared/problems";
import type { PrivateNetworkArgs } from "./args";
import {
  DNS_TTL_SECONDS,
  FLOW_LOGS,
  GOOGLE_API_ZONES,
  NAT,
  PRIORITY,
  PRIVATE_VIP,
  RESTRICTED_VIP,
  SECONDARY_RANGE_NAMES,
  type GoogleApiVip,
} from "./defaults";
import { validateNetworkRanges } from "./validate";

/**
 * The stack's own VPC (the project's default network is never used): one private subnet for the
 * nodes with the pods' and services' secondary ranges, Private Google Access and flow logs; no
 * default routes. With egress, one route to the internet gateway and Cloud NAT for the subnet
 * (nothing gets a public address). Air-gapped, no internet route at all: Google APIs and
 * registries resolve (private DNS zones) and route to restricted.googleapis.com only, and egress
 * is denied except to it and to the VPC's own ranges. Ingress from anywhere is denied by a
 * logged rule; the allows the cluster and its load balancer need come with them, never from the
 * whole internet. DNS queries are logged.
 */
export class PrivateNetwork extends pulumi.ComponentResource {
  public readonly networkId: pulumi.Output<string>;
  public readonly networkSelfLink: pulumi.Output<string>;
  public readonly subnetworkId: pulumi.Output<string>;
  public readonly subnetworkSelfLink: pulumi.Output<string>;
  public readonly podsRangeName: string = SECONDARY_RANGE_NAMES.pods;
  public readonly servicesRangeName: string = SECONDARY_RANGE_NAMES.services;
  /** Whether the VPC routes to the internet (through Cloud NAT). */
  public readonly egress: boolean;
  /**
   * Where Google APIs (Cloud Storage, Secret Manager, Artifact Registry) are reached on 443: the
   * Private Google Access VIP the VPC's private DNS zones resolve them to.
   */
  public readonly googleApiCidrs: readonly string[];

  constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:gcp:PrivateNetwork", name, {}, opts);
    throwIfProblems(
      "PrivateNetwork",
      name,
      validateNetworkRanges(args.ranges).map((p) => ({ ...p, path: `ranges.${p.path}` })),
      this,
    );
    const { project, region, namePrefix: prefix, ranges } = args;
    const parent = { parent: this };

    const network = new gcp.compute.Network(
      `${name}-vpc`,
      {
        project,
        name: `${prefix}-vpc`,
        description: "enclave: the stack's own VPC",
        autoCreateSubnetworks: false,
        routingMode: "REGIONAL",
        // Every route is explicit: none to the internet unless egress is wanted.
        deleteDefaultRoutesOnCreate: true,
      },
      parent,
    );
    const subnet = new gcp.compute.Subnetwork(
      `${name}-nodes`,
      {
        project,
        region,
        name: `${prefix}-nodes`,
        description: "enclave: GKE nodes, with the pods' and services' secondary ranges",
        network: network.id,
        purpose: "PRIVATE",
        stackType: "IPV4_ONLY",
        ipCidrRange: ranges.subnetCidr,
        secondaryIpRanges: [
          { rangeName: SECONDARY_RANGE_NAMES.pods, ipCidrRange: ranges.podsCidr },
          { rangeName: SECONDARY_RANGE_NAMES.services, ipCidrRange: ranges.servicesCidr },
        ],
        privateIpGoogleAccess: true,
        logConfig: { ...FLOW_LOGS },
      },
      parent,
    );

    new gcp.dns.Policy(
      `${name}-dns-logging`,
      {
        project,
        name: `${prefix}-dns`,
        description: "enclave: log every DNS query from the VPC",
        enableLogging: true,
        enableInboundForwarding: false,
        networks: [{ networkUrl: network.id }],
      },
      parent,
    );

    new gcp.compute.Firewall(
      `${name}-deny-ingress`,
      {
        project,
        network: network.id,
        name: `${prefix}-deny-all-ingress`,
        description: "enclave: deny, and log, ingress not allowed by a narrower rule",
        direction: "INGRESS",
        priority: PRIORITY.denyAll,
        sourceRanges: ["0.0.0.0/0"],
        denies: [{ protocol: "all" }],
        logConfig: { metadata: "INCLUDE_ALL_METADATA" },
      },
      parent,
    );

    const internal = [
      ranges.subnetCidr,
      ranges.podsCidr,
      ranges.servicesCidr,
      ranges.controlPlaneCidr,
    ];
    this.egress = !args.airGapped;
    const vip: GoogleApiVip = args.airGapped ? RESTRICTED_VIP : PRIVATE_VIP;
    this.googleApiCidrs = [vip.range];
    this.googleApiZones(name, prefix, project, network, vip);
    if (args.airGapped) {
      this.restrictedApis(name, prefix, project, network, internal);
    } else {
      new gcp.compute.Route(
        `${name}-internet`,
        {
          project,
          network: network.id,
          name: `${prefix}-internet`,
          description: "enclave: egress to the internet, through Cloud NAT only",
          destRange: "0.0.0.0/0",
          nextHopGateway: "default-internet-gateway",
          priority: PRIORITY.allow,
        },
        parent,
      );
      const router = new gcp.compute.Router(
        `${name}-router`,
        { project, region, network: network.id, name: `${prefix}-router` },
        parent,
      );
      new gcp.compute.RouterNat(
        `${name}-nat`,
        {
          project,
          region,
          router: router.name,
          name: `${prefix}-nat`,
          natIpAllocateOption: NAT.natIpAllocateOption,
          sourceSubnetworkIpRangesToNat: NAT.sourceSubnetworkIpRangesToNat,
          subnetworks: [{ name: subnet.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
          logConfig: { ...NAT.logConfig },
          minPortsPerVm: NAT.minPortsPerVm,
        },
        parent,
      );
    }

    this.networkId = network.id;
    this.networkSelfLink = network.selfLink;
    this.subnetworkId = subnet.id;
    this.subnetworkSelfLink = subnet.selfLink;
    this.registerOutputs({
      networkId: this.networkId,
      networkSelfLink: this.networkSelfLink,
      subnetworkId: this.subnetworkId,
      subnetworkSelfLink: this.subnetworkSelfLink,
      egress: this.egress,
      googleApiCidrs: this.googleApiCidrs,
    });
  }

  /** Air-gapped: Google APIs and registries through restricted.googleapis.com, nothing else out. */
  private restrictedApis(
    name: string,
    prefix: string,
    project: pulumi.Input<string>,
    network: gcp.compute.Network,
    internal: readonly string[],
  ): void {
    const parent = { parent: this };
    new gcp.compute.Route(
      `${name}-restricted-apis`,
      {
        project,
        network: network.id,
        name: `${prefix}-restricted-apis`,
        description: "enclave: Google APIs through restricted.googleapis.com (no internet route)",
        destRange: RESTRICTED_VIP.range,
        nextHopGateway: "default-internet-gateway",
        priority: PRIORITY.allow,
      },
      parent,
    );
    new gcp.compute.Firewall(
      `${name}-allow-restricted-apis`,
      {
        project,
        network: network.id,
        name: `${prefix}-allow-restricted-apis`,
        description: "enclave: HTTPS to restricted.googleapis.com only",
        direction: "EGRESS",
        priority: PRIORITY.allow,
        destinationRanges: [RESTRICTED_VIP.range],
        allows: [{ protocol: "tcp", ports: ["443"] }],
        logConfig: { metadata: "INCLUDE_ALL_METADATA" },
      },
      parent,
    );
    new gcp.compute.Firewall(
      `${name}-allow-internal-egress`,
      {
        project,
        network: network.id,
        name: `${prefix}-allow-internal-egress`,
        description: "enclave: egress to the VPC's own ranges and the control plane",
        direction: "EGRESS",
        priority: PRIORITY.allow,
        destinationRanges: [...internal],
        allows: [{ protocol: "all" }],
      },
      parent,
    );
    new gcp.compute.Firewall(
      `${name}-deny-egress`,
      {
        project,
        network: network.id,
        name: `${prefix}-deny-all-egress`,
        description: "enclave: air-gapped, deny and log every other egress",
        direction: "EGRESS",
        priority: PRIORITY.denyAll,
        destinationRanges: ["0.0.0.0/0"],
        denies: [{ protocol: "all" }],
        logConfig: { metadata: "INCLUDE_ALL_METADATA" },
      },
      parent,
    );
  }

  /**
   * Google APIs and the registries resolve, inside the VPC, to a Private Google Access VIP: the
   * restricted one air-gapped, the private one otherwise (reached over the internet route's
   * gateway without leaving Google's network).
   */
  private googleApiZones(
    name: string,
    prefix: string,
    project: pulumi.Input<string>,
    network: gcp.compute.Network,
    vip: GoogleApiVip,
  ): void {
    const parent = { parent: this };
    for (const zone of GOOGLE_API_ZONES) {
      const managed = new gcp.dns.ManagedZone(
        `${name}-${zone.key}`,
        {
          project,
          name: `${prefix}-${zone.key}`,
          description: `enclave: ${zone.dnsName} resolves to ${vip.apex.replace(/\.$/, "")}`,
          dnsName: zone.dnsName,
          visibility: "private",
          privateVisibilityConfig: { networks: [{ networkUrl: network.id }] },
        },
        parent,
      );
      new gcp.dns.RecordSet(
        `${name}-${zone.key}-apex`,
        {
          project,
          managedZone: managed.name,
          name: zone.apex ?? vip.apex,
          type: "A",
          ttl: DNS_TTL_SECONDS,
          rrdatas: [...vip.addresses],
        },
        parent,
      );
      new gcp.dns.RecordSet(
        `${name}-${zone.key}-wildcard`,
        {
          project,
          managedZone: managed.name,
          name: `*.${zone.dnsName}`,
          type: "CNAME",
          ttl: DNS_TTL_SECONDS,
          rrdatas: [zone.apex ?? vip.apex],
        },
        parent,
      );
    }
  }
}
