/**
 * The AWS partition of a region, derived from its name, so ARNs and service principals can be
 * written without an invoke (the offline reviewer's mock engine has no account to ask).
 * Commercial, GovCloud and China are the partitions the kit is written for; the ISO partitions
 * are mapped by name but not verified (see docs/not-verified.md, "Not verified without AWS").
 */
export interface AwsPartition {
  /** ARN partition: `aws`, `aws-us-gov`, `aws-cn`, `aws-iso`, `aws-iso-b`, ... */
  readonly partition: string;
  /** DNS suffix of the partition's service endpoints. */
  readonly dnsSuffix: string;
}

export function awsPartitionOf(region: string): AwsPartition {
  if (region.startsWith("us-gov-")) {
    return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com" };
  }
  if (region.startsWith("cn-")) {
    return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };
  }
  if (region.startsWith("us-isob-")) {
    return { partition: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov" };
  }
  if (region.startsWith("us-iso-")) {
    return { partition: "aws-iso", dnsSuffix: "c2s.ic.gov" };
  }
  return { partition: "aws", dnsSuffix: "amazonaws.com" };
}
