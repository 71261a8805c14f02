import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { Labels } from "../shared/labels";
import { SERVICE_NETWORKING } from "./defaults";

export interface PrivateServiceAccessArgs {
  readonly project: pulumi.Input<string>;
  /** The VPC (`projects/<p>/global/networks/<n>`) the range is lent from. */
  readonly networkId: pulumi.Input<string>;
  /** The range's GCP name (a `GlobalAddress`), e.g. `enclave-acme-prod-pg-psa`. */
  readonly rangeName: string;
  /** A private IPv4 block /16 to /24 clear of the VPC's own ranges (validateServiceRange). */
  readonly cidr: string;
  readonly labels: Labels;
}

/** The range and the peering: what a Cloud SQL instance's `allocatedIpRange` names and waits for. */
export interface PrivateServiceAccess {
  readonly range: gcp.compute.GlobalAddress;
  readonly peering: gcp.servicenetworking.Connection;
}

/**
 * Private Service Access: a range of the VPC lent to Google's service producers, peered in. One
 * per VPC and producer: a stack with its own VPC makes it next to its database (PrivateDatabase);
 * a platform makes it once, and its tenants' instances take their addresses from it.
 */
export function privateServiceAccess(
  name: string,
  args: PrivateServiceAccessArgs,
  opts: pulumi.CustomResourceOptions,
): PrivateServiceAccess {
  const [rangeAddress, rangePrefix] = args.cidr.split("/");
  const range = new gcp.compute.GlobalAddress(
    `${name}-psa-range`,
    {
      project: args.project,
      name: args.rangeName,
      description: "enclave: Private Service Access range for Cloud SQL",
      purpose: "VPC_PEERING",
      addressType: "INTERNAL",
      address: rangeAddress!,
      prefixLength: Number(rangePrefix),
      network: args.networkId,
      labels: args.labels,
    },
    opts,
  );
  const peering = new gcp.servicenetworking.Connection(
    `${name}-psa`,
    {
      network: args.networkId,
      service: SERVICE_NETWORKING,
      reservedPeeringRanges: [range.name],
      // Removing the peering fails while producers still use it; Pulumi then forgets it.
      deletionPolicy: "ABANDON",
    },
    opts,
  );
  return { range, peering };
}
