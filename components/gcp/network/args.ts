import type * as pulumi from "@pulumi/pulumi";
import type { GcpNetworkRanges } from "../settings";

export interface PrivateNetworkArgs {
  readonly project: pulumi.Input<string>;
  readonly region: string;
  /** Prefix of the GCP names, e.g. `enclave-acme-prod` (the VPC is `<prefix>-vpc`). */
  readonly namePrefix: string;
  readonly ranges: GcpNetworkRanges;
  /** No Cloud NAT, no internet route: Google APIs and registries through restricted.googleapis.com. */
  readonly airGapped: boolean;
}
