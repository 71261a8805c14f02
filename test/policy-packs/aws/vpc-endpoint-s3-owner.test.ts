import { describe, expect, it } from "vitest";
import ownerPolicy from "../../../policy-packs/policies/aws/aws-ec2-vpcendpoint-restrict-s3-bucket-owner";
import { runResourcePolicy, type Outcome } from "../../helpers/policy";
import { UNKNOWN_STRING, violationsOf, withValue } from "../../helpers/aws-policies";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const ACCOUNT = "111122223333";

/** The kit's platform S3 endpoint: this account's enclave buckets, a client's bucket, ECR's layers. */
const platformPolicy = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "ThisStacksBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:*",
      Resource: [`arn:aws:s3:::enclave-*-${ACCOUNT}`, `arn:aws:s3:::enclave-*-${ACCOUNT}/*`],
      Condition: {
        StringEquals: { "aws:PrincipalAccount": ACCOUNT, "aws:ResourceAccount": ACCOUNT },
      },
    },
    {
      Sid: "ClientBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:*",
      Resource: ["arn:aws:s3:::initech-training-data", "arn:aws:s3:::initech-training-data/*"],
      Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } },
    },
    {
      Sid: "EcrImageLayers",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*",
    },
  ],
};
const compliant = {
  vpcId: "vpc-1",
  serviceName: "com.amazonaws.eu-west-1.s3",
  vpcEndpointType: "Gateway",
  routeTableIds: ["rtb-1"],
  policy: JSON.stringify(platformPolicy),
};
const withPolicy = (policy: unknown) => ({ ...compliant, policy: JSON.stringify(policy) });
const run = (props: Record<string, unknown>) => violationsOf(ownerPolicy, ENDPOINT, props);

const PATTERN_MESSAGE = `The policy of the endpoint for com.amazonaws.eu-west-1.s3: its statement "ThisStacksBuckets" allows buckets by pattern (enclave-*-${ACCOUNT}) without a condition on their owner, so a bucket someone else creates under a matching name, in their own account, is reachable through the endpoint. Add aws:ResourceAccount (this account), or name each bucket exactly.`;

describe("aws-ec2-vpcendpoint-restrict-s3-bucket-owner", () => {
  it("passes the kit's platform endpoint, exact names, and the interface endpoint too", () => {
    expect(run(compliant)).toEqual([]);
    expect(run({ ...compliant, policy: platformPolicy })).toEqual([]);
    expect(
      run({
        ...compliant,
        vpcEndpointType: "Interface",
        subnetIds: ["subnet-1"],
        routeTableIds: [],
      }),
    ).toEqual([]);
  });

  it("flags a name pattern without an owner condition: the kit's platform before the fix", () => {
    // components/aws/network/endpointPolicies.ts before the fix: aws:PrincipalAccount only.
    const preFix = withValue(platformPolicy, "Statement.0.Condition", {
      StringEquals: { "aws:PrincipalAccount": ACCOUNT },
    });
    expect(run(withPolicy(preFix))).toEqual([PATTERN_MESSAGE]);
  });

  it("flags every bucket (`*`, arn:aws:s3:::*), and a statement without resources", () => {
    const star = withValue(platformPolicy, "Statement.1.Resource", "*");
    expect(run(withPolicy(star))).toEqual([
      'The policy of the endpoint for com.amazonaws.eu-west-1.s3: its statement "ClientBuckets" allows buckets by pattern (*) without a condition on their owner, so a bucket someone else creates under a matching name, in their own account, is reachable through the endpoint. Add aws:ResourceAccount (this account), or name each bucket exactly.',
    ]);
    const anyBucket = withValue(platformPolicy, "Statement.1.Resource", ["arn:aws:s3:::*/*"]);
    expect(run(withPolicy(anyBucket))).toHaveLength(1);
    const none = withValue(platformPolicy, "Statement.1.Resource", undefined);
    expect(run(withPolicy(none))).toHaveLength(1);
  });

  it("accepts s3:ResourceAccount or the owner's organisation; not a `*` value", () => {
    const s3Key = withValue(platformPolicy, "Statement.0.Condition", {
      StringEquals: { "s3:ResourceAccount": ACCOUNT },
    });
    expect(run(withPolicy(s3Key))).toEqual([]);
    const org = withValue(platformPolicy, "Statement.0.Condition", {
      StringEquals: { "aws:ResourceOrgID": "o-abc123" },
    });
    expect(run(withPolicy(org))).toEqual([]);
    const anyOwner = withValue(platformPolicy, "Statement.0.Condition", {
      StringLike: { "aws:ResourceAccount": "*" },
    });
    expect(run(withPolicy(anyOwner))).toEqual([PATTERN_MESSAGE]);
  });

  it("ignores deny statements, endpoints of other services, and an endpoint without a policy", () => {
    const deny = withValue(
      withValue(platformPolicy, "Statement.0.Effect", "Deny"),
      "Statement.0.Condition",
      undefined,
    );
    expect(run(withPolicy(deny))).toEqual([]);
    const sts = {
      ...compliant,
      serviceName: "com.amazonaws.eu-west-1.sts",
      policy: JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
      }),
    };
    expect(run(sts)).toEqual([]);
    // No policy is aws-ec2-vpcendpoint-require-policy's finding, not this one's.
    expect(run({ ...compliant, policy: undefined })).toEqual([]);
  });

  it("is not applicable while the policy is unknown (preview)", () => {
    const outcome: Outcome = runResourcePolicy(ownerPolicy as EnclaveResourcePolicy, {
      type: ENDPOINT,
      props: { ...compliant, policy: UNKNOWN_STRING },
    });
    expect(outcome.violations).toEqual([]);
    expect(outcome.notApplicable).toBe("depends on values that are known only after deployment");
  });
});
