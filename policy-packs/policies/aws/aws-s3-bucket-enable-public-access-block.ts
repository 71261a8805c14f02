import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { forEachKnown, ofTypes, tryRead } from "../../lib/stack";
import {
  ACCOUNT_PUBLIC_ACCESS_BLOCK,
  BUCKET_TYPES,
  S3_SIDE,
  sideResources,
} from "../../lib/aws/s3";
import { cisAws, listing } from "../../lib/aws/common";

const SWITCHES = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
] as const;

function switchesOff(block: PolicyResource): string[] {
  return SWITCHES.filter((s) => bool(block.props[s]) !== true);
}

export default stackPolicy({
  name: "aws-s3-bucket-enable-public-access-block",
  description:
    "Every S3 bucket must have a public access block with all four switches on (blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets), or the account must have one. It is the guard that keeps a later ACL or bucket-policy mistake from publishing the data.",
  severity: "high",
  remediation:
    "Add an aws.s3.BucketPublicAccessBlock for the bucket (bucket: bucket.id) with all four switches set to true, or an aws.s3.AccountPublicAccessBlock with all four true.",
  controls: { nist: ["AC-3", "AC-4", "SC-7"], cis: cisAws("2.1.4") },
  concern: "network-exposure",
  resourceTypes: BUCKET_TYPES,
  check(resources, report) {
    const accountWide = ofTypes(resources, [ACCOUNT_PUBLIC_ACCESS_BLOCK]).some(
      (b) => tryRead(() => switchesOff(b).length === 0) === true,
    );
    if (accountWide) {
      return;
    }
    forEachKnown([...sideResources(resources, S3_SIDE.publicAccessBlock)], ([bucket, join]) => {
      if (join.related.length === 0) {
        if (!join.uncertain) {
          report(
            `Bucket "${bucket.name}" has no BucketPublicAccessBlock. Add one with all four switches true.`,
            bucket.urn,
          );
        }
        return;
      }
      for (const block of join.related) {
        const off = switchesOff(block);
        if (off.length > 0) {
          report(
            `BucketPublicAccessBlock "${block.name}" for bucket "${bucket.name}" does not set ${listing(off)} to true.`,
            block.urn,
          );
        }
      }
    });
  },
});
