import { subdivide } from "../../shared/cidr";

/** CIDR blocks of each tier, one per availability zone (index = zone). */
export interface SubnetLayout {
  /** Nodes and pods (the VPC CNI gives pods VPC addresses, so these are the big ones). */
  readonly private: readonly string[];
  readonly database: readonly string[];
  /** NAT gateways and internet-facing load balancers only. */
  readonly public: readonly string[];
}

/**
 * Splits the VPC into eighths: the first `zones` eighths are the private subnets; the seventh
 * eighth is cut into database subnets and the eighth into public subnets (1/64 of the VPC each).
 * A /16 gives /19 private, /22 database and /22 public subnets; a /20 gives /23, /26 and /26.
 */
export function subnetLayout(vpcCidr: string, zones: number): SubnetLayout {
  if (zones < 2 || zones > 6) {
    throw new Error(`subnetLayout: ${zones} zones requested. Fix: use 2 to 6 availability zones`);
  }
  const prefix = Number(vpcCidr.split("/")[1]);
  const [databaseBlock, publicBlock] = subdivide(vpcCidr, prefix + 3, 2, 6) as [string, string];
  return {
    private: subdivide(vpcCidr, prefix + 3, zones),
    database: subdivide(databaseBlock, prefix + 6, zones),
    public: subdivide(publicBlock, prefix + 6, zones),
  };
}
