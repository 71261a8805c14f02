import { describe, expect, it } from "vitest";
import endpointPolicy from "../../../policy-packs/policies/aws/aws-ec2-vpcendpoint-require-policy";
import { runResourcePolicy, type Outcome } from "../../helpers/policy";
import { UNKNOWN_STRING, violationsOf, withValue } from "../../helpers/aws-policies";
import type { EnclaveResourcePolicy } from "../../../policy-packs/lib/define";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const ACCOUNT = "111122223333";

/** The kit's S3 gateway endpoint: the stack's buckets and ECR's layer bucket only. */
const s3Policy = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "ThisStacksBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:*",
      Resource: ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"],
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
  policy: JSON.stringify(s3Policy),
};
const interfaceEndpoint = {
  vpcId: "vpc-1",
  serviceName: "com.amazonaws.eu-west-1.sts",
  vpcEndpointType: "Interface",
  privateDnsEnabled: true,
  subnetIds: ["subnet-1"],
  policy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ThisAccountsPrincipals",
        Effect: "Allow",
        Principal: "*",
        Action: "*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } },
      },
    ],
  }),
};
const FULL_ACCESS = JSON.stringify({
  Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
});
const run = (props: Record<string, unknown>, config?: Record<string, unknown>) =>
  violationsOf(endpointPolicy, ENDPOINT, props, config);

describe("aws-ec2-vpcendpoint-require-policy", () => {
  it("passes the kit's S3 endpoint (its buckets) and an interface endpoint limited to the account", () => {
    expect(run(compliant)).toEqual([]);
    expect(run(interfaceEndpoint)).toEqual([]);
    // The document may also be given as an object.
    expect(run({ ...compliant, policy: s3Policy })).toEqual([]);
  });

  it("flags an endpoint without a policy: the kit's pre-fix shape (AWS attaches full access)", () => {
    // components/aws/network/endpoints.ts before the fix: no `policy` on any endpoint.
    const preFix = {
      vpcId: "vpc-1",
      serviceName: "com.amazonaws.eu-west-1.s3",
      vpcEndpointType: "Gateway",
      routeTableIds: ["rtb-1", "rtb-2"],
      tags: { Name: "enclave-acme-dev-network-s3" },
    };
    expect(run(preFix)).toEqual([
      "The gateway endpoint for com.amazonaws.eu-west-1.s3 has no policy, so AWS attaches full access: anyone in the VPC may reach any account's resources through it. Limit it to the stack's resources or account.",
    ]);
    expect(run({ ...interfaceEndpoint, policy: undefined })).toEqual([
      "The interface endpoint for com.amazonaws.eu-west-1.sts has no policy, so AWS attaches full access: anyone in the VPC may reach any account's resources through it. Limit it to the stack's resources or account.",
    ]);
    // The provider's default type is Gateway.
    expect(run(withValue(compliant, "vpcEndpointType", undefined))).toEqual([]);
    expect(run({ ...compliant, vpcEndpointType: undefined, policy: "" })).toHaveLength(1);
  });

  it("flags a statement allowing every principal on every resource without a condition", () => {
    expect(run({ ...interfaceEndpoint, policy: FULL_ACCESS })).toEqual([
      "The endpoint policy's statement 1 allows every principal on every resource without a condition (the default full access) for com.amazonaws.eu-west-1.sts. Name the resources, or add an aws:PrincipalAccount / aws:ResourceAccount condition.",
    ]);
    // The same with { AWS: "*" } and an empty condition block.
    const open = withValue(
      withValue(JSON.parse(interfaceEndpoint.policy), "Statement.0.Principal", { AWS: "*" }),
      "Statement.0.Condition",
      {},
    );
    expect(run({ ...interfaceEndpoint, policy: JSON.stringify(open) })).toHaveLength(1);
  });

  it("flags a policy with no readable statement", () => {
    expect(run({ ...compliant, policy: "{}" })).toEqual([
      "The policy of the endpoint for com.amazonaws.eu-west-1.s3 has no statement that can be read.",
    ]);
  });

  it("accepts named resources, or every resource under a condition", () => {
    const conditioned = JSON.parse(interfaceEndpoint.policy);
    expect(run({ ...interfaceEndpoint, policy: JSON.stringify(conditioned) })).toEqual([]);
    const named = withValue(s3Policy, "Statement.0.Condition", undefined);
    expect(run({ ...compliant, policy: JSON.stringify(named) })).toEqual([]);
  });

  it("exempts services listed as not supporting endpoint policies, and non-AWS endpoint services", () => {
    const eksAuth = {
      ...interfaceEndpoint,
      serviceName: "com.amazonaws.eu-west-1.eks-auth",
      policy: undefined,
    };
    expect(run(eksAuth)).toHaveLength(1);
    expect(run(eksAuth, { servicesWithoutPolicySupport: ["eks-auth"] })).toEqual([]);
    // Another account's endpoint service: AWS allows full access whatever the policy.
    expect(
      run({
        ...interfaceEndpoint,
        serviceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
        policy: undefined,
      }),
    ).toEqual([]);
    expect(
      run({ ...interfaceEndpoint, serviceName: "vendor.example.vpce-svc-1", policy: undefined }),
    ).toEqual([]);
    expect(
      run({ ...interfaceEndpoint, vpcEndpointType: "GatewayLoadBalancer", policy: undefined }),
    ).toEqual([]);
  });

  it("is not applicable while the policy is unknown (preview)", () => {
    const outcome: Outcome = runResourcePolicy(endpointPolicy as EnclaveResourcePolicy, {
      type: ENDPOINT,
      props: { ...compliant, policy: UNKNOWN_STRING },
    });
    expect(outcome.violations).toEqual([]);
    expect(outcome.notApplicable).toBe("depends on values that are known only after deployment");
  });
});
