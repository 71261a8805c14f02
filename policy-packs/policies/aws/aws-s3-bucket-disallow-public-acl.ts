import { resourcePolicy } from "../../lib/define";
import { arr, get, str } from "../../lib/props";
import { PUBLIC_CANNED_ACLS, PUBLIC_GRANTEE_URIS } from "../../lib/aws/s3";

export default resourcePolicy({
  name: "aws-s3-bucket-disallow-public-acl",
  description:
    "S3 buckets must not be opened by ACL: no public-read, public-read-write or authenticated-read canned ACL and no grant to the AllUsers or AuthenticatedUsers groups. Either one publishes the bucket to anyone on the internet or to every AWS account.",
  severity: "critical",
  remediation:
    'Remove the acl argument (or set it to "private") and the public grants from the aws.s3.Bucket / aws.s3.BucketAcl, and disable ACLs with BucketOwnershipControls (BucketOwnerEnforced).',
  controls: { nist: ["AC-3", "AC-6", "AC-21"] },
  concern: "network-exposure",
  resourceTypes: [
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:s3/bucketAcl:BucketAcl",
    "aws:s3/bucketAclV2:BucketAclV2",
  ],
  check({ props }, report) {
    const acl = str(props.acl);
    if (acl !== undefined && PUBLIC_CANNED_ACLS.includes(acl)) {
      report(
        `acl is "${acl}", which opens the bucket beyond its owner. Remove it or use "private".`,
      );
    }
    const grants = [...arr(props.grants), ...arr(get(props, "accessControlPolicy.grants"))];
    for (const grant of grants) {
      const uri = str(get(grant, "uri")) ?? str(get(grant, "grantee.uri"));
      if (uri !== undefined && PUBLIC_GRANTEE_URIS.includes(uri)) {
        const group = uri.split("/").pop();
        report(`A grant gives the ${group} group access to the bucket. Remove the grant.`);
      }
    }
  },
});
