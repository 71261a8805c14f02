import { describe, expect, it } from "vitest";
import ecrPublic from "../../../policy-packs/policies/aws/aws-ecr-repositorypolicy-disallow-public-principal";
import secretPublic from "../../../policy-packs/policies/aws/aws-secretsmanager-secretpolicy-disallow-public-principal";
import { violationsOf, withValue } from "../../helpers/aws-policies";

const REPOSITORY_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
const SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy";
const SECRET = "aws:secretsmanager/secret:Secret";

/** Pull access for one account's role, and for the organisation through `*` scoped by aws:PrincipalOrgID. */
const repositoryPolicy = {
  repository: "diffgram",
  policy: {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "NodesPull",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111122223333:role/enclave-nodes" },
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      },
      {
        Sid: "OrgPull",
        Effect: "Allow",
        Principal: "*",
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
      },
    ],
  },
};

const ORG_PULL = "policy.Statement.1";

describe("aws-ecr-repositorypolicy-disallow-public-principal", () => {
  it("passes named principals and `*` scoped to the organisation, also as a JSON string", () => {
    expect(violationsOf(ecrPublic, REPOSITORY_POLICY, repositoryPolicy)).toEqual([]);
    expect(
      violationsOf(ecrPublic, REPOSITORY_POLICY, {
        ...repositoryPolicy,
        policy: JSON.stringify(repositoryPolicy.policy),
      }),
    ).toEqual([]);
  });
  const message = (sid: string) =>
    `Repository policy statement "${sid}" allows every principal (Principal "*" or NotPrincipal) without a condition that limits the callers. Name the principals or add a caller condition.`;
  it("flags `*` without a condition", () => {
    expect(
      violationsOf(
        ecrPublic,
        REPOSITORY_POLICY,
        withValue(repositoryPolicy, `${ORG_PULL}.Condition`, undefined),
      ),
    ).toEqual([message("OrgPull")]);
  });
  it('flags { AWS: "*" } without a condition', () => {
    expect(
      violationsOf(
        ecrPublic,
        REPOSITORY_POLICY,
        withValue(repositoryPolicy, "policy.Statement.0.Principal", { AWS: ["*"] }),
      ),
    ).toEqual([message("NodesPull")]);
  });
  it("flags `*` whose condition does not limit the callers (TLS only, IfExists)", () => {
    expect(
      violationsOf(
        ecrPublic,
        REPOSITORY_POLICY,
        withValue(repositoryPolicy, `${ORG_PULL}.Condition`, {
          Bool: { "aws:SecureTransport": "true" },
        }),
      ),
    ).toEqual([message("OrgPull")]);
    expect(
      violationsOf(
        ecrPublic,
        REPOSITORY_POLICY,
        withValue(repositoryPolicy, `${ORG_PULL}.Condition`, {
          StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123" },
        }),
      ),
    ).toEqual([message("OrgPull")]);
  });
  it("flags Allow with NotPrincipal", () => {
    const notPrincipal = withValue(
      withValue(repositoryPolicy, "policy.Statement.0.Principal", undefined),
      "policy.Statement.0.NotPrincipal",
      { AWS: "arn:aws:iam::444455556666:root" },
    );
    expect(violationsOf(ecrPublic, REPOSITORY_POLICY, notPrincipal)).toEqual([
      message("NodesPull"),
    ]);
  });
  it("stays silent on a Deny with `*` and on a policy it cannot read", () => {
    expect(
      violationsOf(
        ecrPublic,
        REPOSITORY_POLICY,
        withValue(
          withValue(repositoryPolicy, `${ORG_PULL}.Condition`, undefined),
          `${ORG_PULL}.Effect`,
          "Deny",
        ),
      ),
    ).toEqual([]);
    expect(violationsOf(ecrPublic, REPOSITORY_POLICY, { policy: "{not json" })).toEqual([]);
    expect(violationsOf(ecrPublic, REPOSITORY_POLICY, {})).toEqual([]);
  });
});

const secretPolicy = {
  secretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:tenant-a/api-AbCdEf",
  blockPublicPolicy: true,
  policy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AppReads",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111122223333:role/tenant-a-app" },
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
      },
    ],
  }),
};

describe("aws-secretsmanager-secretpolicy-disallow-public-principal", () => {
  it("passes a policy naming its reader, with blockPublicPolicy", () => {
    expect(violationsOf(secretPublic, SECRET_POLICY, secretPolicy)).toEqual([]);
  });
  it("flags `*` without a condition", () => {
    const open = {
      ...secretPolicy,
      policy: secretPolicy.policy.replace(
        '{"AWS":"arn:aws:iam::111122223333:role/tenant-a-app"}',
        '"*"',
      ),
    };
    expect(open.policy).toContain('"Principal":"*"');
    expect(violationsOf(secretPublic, SECRET_POLICY, open)).toEqual([
      'Secret policy statement "AppReads" allows every principal (Principal "*" or NotPrincipal) without a condition that limits the callers. Name the principals or add a caller condition.',
    ]);
  });
  it("flags blockPublicPolicy false and unset", () => {
    expect(
      violationsOf(
        secretPublic,
        SECRET_POLICY,
        withValue(secretPolicy, "blockPublicPolicy", false),
      ),
    ).toEqual([
      "blockPublicPolicy is false: a later change could open the secret to every account. Set blockPublicPolicy: true.",
    ]);
    expect(
      violationsOf(
        secretPublic,
        SECRET_POLICY,
        withValue(secretPolicy, "blockPublicPolicy", undefined),
      ),
    ).toEqual([
      "blockPublicPolicy is not set (Secrets Manager then accepts a public policy): a later change could open the secret to every account. Set blockPublicPolicy: true.",
    ]);
  });
  it("judges a Secret's inline policy, which has no blockPublicPolicy", () => {
    expect(
      violationsOf(secretPublic, SECRET, { name: "tenant-a/api", policy: secretPolicy.policy }),
    ).toEqual([]);
    expect(violationsOf(secretPublic, SECRET, { name: "tenant-a/api" })).toEqual([]);
    expect(
      violationsOf(secretPublic, SECRET, {
        name: "tenant-a/api",
        policy: {
          Statement: { Effect: "Allow", Principal: { AWS: "*" }, Action: "secretsmanager:*" },
        },
      }),
    ).toEqual([
      'Secret policy statement 1 allows every principal (Principal "*" or NotPrincipal) without a condition that limits the callers. Name the principals or add a caller condition.',
    ]);
  });
});
