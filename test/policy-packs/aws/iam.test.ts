import { describe, expect, it } from "vitest";
import disallowAdmin from "../../../policy-packs/policies/aws/aws-iam-policy-disallow-admin";
import wildcardActions from "../../../policy-packs/policies/aws/aws-iam-policy-disallow-wildcard-actions";
import wildcardResources from "../../../policy-packs/policies/aws/aws-iam-policy-disallow-wildcard-resources";
import adminAttachments from "../../../policy-packs/policies/aws/aws-iam-attachment-disallow-admin-policies";
import publicTrust from "../../../policy-packs/policies/aws/aws-iam-role-disallow-public-trust";
import oidcSubject from "../../../policy-packs/policies/aws/aws-iam-role-configure-oidc-subject";
import accessKeys from "../../../policy-packs/policies/aws/aws-iam-accesskey-disallow-long-lived-keys";
import directPolicies from "../../../policy-packs/policies/aws/aws-iam-user-disallow-direct-policies";
import { violationsOf } from "../../helpers/aws-policies";

const POLICY = "aws:iam/policy:Policy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE = "aws:iam/role:Role";

const bucketAccess = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Objects",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject"],
      Resource: "arn:aws:s3:::tenant-a-data/*",
    },
    {
      Sid: "Discover",
      Effect: "Allow",
      Action: ["ec2:DescribeInstances", "sts:GetCallerIdentity"],
      Resource: "*",
    },
    {
      Sid: "Key",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
    },
    {
      Sid: "DenyAll",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ],
};
const doc = (...statements: object[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });

const irsaTrust = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: {
        Federated:
          "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:diffgram:app",
          "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
        },
      },
    },
  ],
};
const podIdentityTrust = doc({
  Effect: "Allow",
  Principal: { Service: "pods.eks.amazonaws.com" },
  Action: ["sts:AssumeRole", "sts:TagSession"],
});

describe("aws-iam-policy-disallow-admin", () => {
  it("passes scoped documents on every identity-policy resource", () => {
    expect(violationsOf(disallowAdmin, POLICY, { policy: JSON.stringify(bucketAccess) })).toEqual(
      [],
    );
    expect(violationsOf(disallowAdmin, ROLE_POLICY, { role: "r", policy: bucketAccess })).toEqual(
      [],
    );
    expect(
      violationsOf(disallowAdmin, ROLE, {
        assumeRolePolicy: podIdentityTrust,
        inlinePolicies: [{ name: "s3", policy: JSON.stringify(bucketAccess) }],
      }),
    ).toEqual([]);
  });
  it("flags Action * on Resource *", () => {
    expect(
      violationsOf(disallowAdmin, POLICY, {
        policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }),
      }),
    ).toEqual([
      'policy statement 1 allows Action "*" on Resource "*" (full administrator). Grant specific actions on specific resources.',
    ]);
    expect(
      violationsOf(disallowAdmin, "aws:iam/userPolicy:UserPolicy", {
        user: "u",
        policy: doc({ Effect: "Allow", Action: ["*:*"], Resource: ["*"] }),
      }),
    ).toHaveLength(1);
  });
  it("names the inline policy of a role", () => {
    const role = {
      assumeRolePolicy: podIdentityTrust,
      inlinePolicies: [
        { name: "admin", policy: doc({ Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }) },
      ],
    };
    expect(violationsOf(disallowAdmin, ROLE, role)).toEqual([
      'inlinePolicies[0] ("admin") statement "All" allows Action "*" on Resource "*" (full administrator). Grant specific actions on specific resources.',
    ]);
  });
});

describe("aws-iam-policy-disallow-wildcard-actions", () => {
  it("passes named actions and in-service prefixes", () => {
    expect(violationsOf(wildcardActions, POLICY, { policy: JSON.stringify(bucketAccess) })).toEqual(
      [],
    );
    expect(
      violationsOf(wildcardActions, POLICY, {
        policy: doc({ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::b/*" }),
      }),
    ).toEqual([]);
  });
  it("flags whole-service and cross-service wildcards", () => {
    expect(
      violationsOf(wildcardActions, "aws:iam/groupPolicy:GroupPolicy", {
        group: "g",
        policy: doc({
          Sid: "S3",
          Effect: "Allow",
          Action: ["s3:*", "iam:PassRole"],
          Resource: "arn:aws:s3:::b",
        }),
      }),
    ).toEqual([
      'policy statement "S3" allows wildcard action(s) "s3:*". Name the actions instead.',
    ]);
    expect(
      violationsOf(wildcardActions, POLICY, {
        policy: doc({ Effect: "Allow", Action: "*:Get*", Resource: "*" }),
      }),
    ).toHaveLength(1);
  });
  it("flags Allow with NotAction", () => {
    expect(
      violationsOf(wildcardActions, POLICY, {
        policy: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
      }),
    ).toEqual([
      "policy statement 1 is an Allow with NotAction: it grants every action except the listed ones. Use Action with the needed actions.",
    ]);
  });
});

describe("aws-iam-policy-disallow-wildcard-resources", () => {
  it("passes scoped resources, unscopable actions and resource conditions", () => {
    expect(
      violationsOf(wildcardResources, POLICY, { policy: JSON.stringify(bucketAccess) }),
    ).toEqual([]);
    const tagged = doc({
      Effect: "Allow",
      Action: "ec2:TerminateInstances",
      Resource: "*",
      Condition: { StringEquals: { "aws:ResourceTag/tenant": "a" } },
    });
    expect(violationsOf(wildcardResources, POLICY, { policy: tagged })).toEqual([]);
  });
  it("flags scopable actions on every resource", () => {
    const secrets = doc({
      Sid: "Secrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:ListSecrets"],
      Resource: "*",
    });
    expect(violationsOf(wildcardResources, POLICY, { policy: secrets })).toEqual([
      'policy statement "Secrets" allows "secretsmanager:GetSecretValue" on every resource. Scope Resource to ARNs or add a resource condition.',
    ]);
    expect(
      violationsOf(wildcardResources, POLICY, {
        policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" }),
      }),
    ).toHaveLength(1);
    expect(
      violationsOf(wildcardResources, POLICY, {
        policy: doc({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::x/*" }),
      }),
    ).toHaveLength(1);
  });
  it("does not count caller-only conditions and honours configured actions", () => {
    const transport = doc({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "true" } },
    });
    expect(violationsOf(wildcardResources, POLICY, { policy: transport })).toHaveLength(1);
    expect(
      violationsOf(
        wildcardResources,
        POLICY,
        { policy: transport },
        { unscopedActions: ["s3:Get*"] },
      ),
    ).toEqual([]);
  });
});

describe("aws-iam-attachment-disallow-admin-policies", () => {
  const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
  it("passes scoped managed policies", () => {
    expect(
      violationsOf(adminAttachments, ATTACH, {
        role: "r",
        policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      }),
    ).toEqual([]);
    expect(
      violationsOf(adminAttachments, ATTACH, {
        role: "r",
        policyArn: "arn:aws:iam::111122223333:policy/AdministratorAccess",
      }),
    ).toEqual([]);
  });
  it("flags administrator-equivalent AWS-managed policies on every attachment shape", () => {
    expect(
      violationsOf(adminAttachments, ATTACH, {
        role: "r",
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
    ).toEqual([
      "policyArn attaches the AWS-managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess), which grants administrator-equivalent access. Attach a scoped policy instead.",
    ]);
    expect(
      violationsOf(adminAttachments, "aws:iam/policyAttachment:PolicyAttachment", {
        roles: ["r"],
        policyArn: "arn:aws-us-gov:iam::aws:policy/IAMFullAccess",
      }),
    ).toHaveLength(1);
    expect(
      violationsOf(adminAttachments, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", {
        group: "g",
        policyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
      }),
    ).toHaveLength(1);
    expect(
      violationsOf(adminAttachments, ROLE, {
        assumeRolePolicy: podIdentityTrust,
        managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      }),
    ).toEqual([
      "managedPolicyArns attaches the AWS-managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess), which grants administrator-equivalent access. Attach a scoped policy instead.",
    ]);
    expect(
      violationsOf(
        adminAttachments,
        "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
        { roleName: "r", policyArns: ["arn:aws:iam::aws:policy/job-function/AdministratorAccess"] },
      ),
    ).toHaveLength(1);
  });
  it("uses the configured list", () => {
    const props = { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" };
    expect(violationsOf(adminAttachments, ATTACH, props)).toEqual([]);
    expect(
      violationsOf(adminAttachments, ATTACH, props, {
        deniedManagedPolicies: ["AmazonS3FullAccess"],
      }),
    ).toHaveLength(1);
  });
});

describe("aws-iam-role-disallow-public-trust", () => {
  it("passes service, federated and account trust", () => {
    expect(violationsOf(publicTrust, ROLE, { assumeRolePolicy: podIdentityTrust })).toEqual([]);
    expect(violationsOf(publicTrust, ROLE, { assumeRolePolicy: irsaTrust })).toEqual([]);
  });
  it("flags a trust policy open to every principal", () => {
    const open = doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" });
    expect(violationsOf(publicTrust, ROLE, { assumeRolePolicy: open })).toEqual([
      "assumeRolePolicy statement 1 lets every principal assume the role. Name the trusted principals or add a caller condition.",
    ]);
  });
  it("accepts `*` narrowed to the organisation", () => {
    const org = doc({
      Effect: "Allow",
      Principal: "*",
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
    });
    expect(violationsOf(publicTrust, ROLE, { assumeRolePolicy: org })).toEqual([]);
  });
});

describe("aws-iam-role-configure-oidc-subject", () => {
  it("passes IRSA trust pinned to one service account", () => {
    expect(violationsOf(oidcSubject, ROLE, { assumeRolePolicy: irsaTrust })).toEqual([]);
    expect(violationsOf(oidcSubject, ROLE, { assumeRolePolicy: podIdentityTrust })).toEqual([]);
  });
  it("flags web identity trust without a subject condition", () => {
    const audOnly = structuredClone(irsaTrust);
    audOnly.Statement[0]!.Condition = {
      StringEquals: { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com" },
    } as never;
    expect(violationsOf(oidcSubject, ROLE, { assumeRolePolicy: audOnly })).toEqual([
      'assumeRolePolicy statement 1 trusts arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC for sts:AssumeRoleWithWebIdentity without a "<provider>:sub" condition. Pin the token subject.',
    ]);
  });
  it("flags a subject condition that matches everything", () => {
    const github = doc({
      Effect: "Allow",
      Principal: {
        Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
      },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "*" } },
    });
    expect(violationsOf(oidcSubject, ROLE, { assumeRolePolicy: github })).toHaveLength(1);
  });
});

describe("aws-iam-accesskey-disallow-long-lived-keys", () => {
  it("flags every active access key", () => {
    expect(violationsOf(accessKeys, "aws:iam/accessKey:AccessKey", { user: "ci" })).toEqual([
      'An IAM access key is created for user "ci": a long-lived credential. Use a role instead.',
    ]);
  });
  it("passes an inactive key", () => {
    expect(
      violationsOf(accessKeys, "aws:iam/accessKey:AccessKey", { user: "ci", status: "Inactive" }),
    ).toEqual([]);
  });
});

describe("aws-iam-user-disallow-direct-policies", () => {
  it("passes attachments to roles and groups", () => {
    expect(
      violationsOf(directPolicies, "aws:iam/policyAttachment:PolicyAttachment", {
        policyArn: "arn:x",
        groups: ["g"],
        roles: ["r"],
      }),
    ).toEqual([]);
    expect(
      violationsOf(
        directPolicies,
        "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
        { userName: "u", policyArns: [] },
      ),
    ).toEqual([]);
  });
  it("flags inline and attached user policies", () => {
    expect(
      violationsOf(directPolicies, "aws:iam/userPolicy:UserPolicy", {
        user: "alice",
        policy: "{}",
      }),
    ).toEqual([
      'A policy is granted directly to IAM user "alice". Grant it to a group the user belongs to.',
    ]);
    expect(
      violationsOf(directPolicies, "aws:iam/userPolicyAttachment:UserPolicyAttachment", {
        user: "bob",
        policyArn: "arn:x",
      }),
    ).toHaveLength(1);
    expect(
      violationsOf(directPolicies, "aws:iam/policyAttachment:PolicyAttachment", {
        policyArn: "arn:x",
        users: ["carol"],
      }),
    ).toEqual([
      "users attaches the policy directly to IAM user(s) carol. Attach it to a group instead.",
    ]);
  });
});
