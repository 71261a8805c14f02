import { describe, expect, it } from "vitest";
import rootTrust from "../../../policy-packs/policies/aws/aws-iam-role-disallow-unconditional-root-trust";
import clusterAdmin from "../../../policy-packs/policies/aws/aws-eks-accesspolicyassociation-restrict-cluster-admin";
import { breakGlassTrustStatements } from "../../../components/aws/footprint/clusterAdmin";
import {
  UNKNOWN_STRING,
  stackViolationsOf,
  violationsOf,
  withValue,
} from "../../helpers/aws-policies";
import type { StackResourceInput } from "../../helpers/policy";

const ROLE = "aws:iam/role:Role";
const ACCOUNT = "111122223333";
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ALICE = `arn:aws:iam::${ACCOUNT}:role/alice-admin`;

const trust = (...statements: unknown[]) => ({
  assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
});
/** The compliant fixture: the account root, but only with MFA. */
const rootWithMfa = {
  Sid: "AccountPrincipalsWithMfa",
  Effect: "Allow",
  Principal: { AWS: ROOT },
  Action: "sts:AssumeRole",
  Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
};
/** The first failure mode; the principal forms below are variants of it. */
const noCondition = withValue(rootWithMfa, "Condition", undefined);
const unconditional = (sid: string, root = ROOT) =>
  `assumeRolePolicy statement "${sid}" lets the account root ${root} assume the role without a condition: any principal of that account allowed sts:AssumeRole can take it. Name the principals, or add aws:PrincipalArn or aws:MultiFactorAuthPresent.`;
const rootTrustOf = (statement: unknown) => violationsOf(rootTrust, ROLE, trust(statement));

describe("aws-iam-role-disallow-unconditional-root-trust", () => {
  it("passes the account root with MFA, named principals, services and the kit's trust shapes", () => {
    expect(rootTrustOf(rootWithMfa)).toEqual([]);
    expect(
      rootTrustOf({ ...rootWithMfa, Principal: { AWS: [ALICE] }, Condition: undefined }),
    ).toEqual([]);
    expect(
      rootTrustOf({ ...rootWithMfa, Principal: { Service: "eks.amazonaws.com" }, Condition: {} }),
    ).toEqual([]);
    for (const kit of [
      { principals: [], ssoRoleArns: [] },
      { principals: [ALICE], ssoRoleArns: [] },
      {
        principals: [],
        ssoRoleArns: [
          `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_*`,
        ],
      },
    ]) {
      const statements = breakGlassTrustStatements(kit, ROOT);
      expect(violationsOf(rootTrust, ROLE, trust(...statements))).toEqual([]);
    }
  });

  it("fires on the kit's pre-fix cluster-admin trust (the account root, no condition)", () => {
    const preFix = {
      Sid: "AccountPrincipals",
      Effect: "Allow",
      Principal: { AWS: ROOT },
      Action: "sts:AssumeRole",
    };
    expect(rootTrustOf(preFix)).toEqual([unconditional("AccountPrincipals")]);
  });

  it.each([
    ["no condition", noCondition, ROOT],
    ["a bare account id", withValue(noCondition, "Principal.AWS", ACCOUNT), ACCOUNT],
    ["the root in a list", withValue(noCondition, "Principal.AWS", [ALICE, ROOT]), ROOT],
    [
      "another account's root",
      withValue(noCondition, "Principal.AWS", "arn:aws:iam::444455556666:root"),
      "arn:aws:iam::444455556666:root",
    ],
    [
      "a GovCloud root",
      withValue(noCondition, "Principal.AWS", `arn:aws-us-gov:iam::${ACCOUNT}:root`),
      `arn:aws-us-gov:iam::${ACCOUNT}:root`,
    ],
    [
      "a condition that says where, not who (aws:SecureTransport)",
      withValue(rootWithMfa, "Condition", { Bool: { "aws:SecureTransport": "true" } }),
      ROOT,
    ],
    [
      "MFA with BoolIfExists (long-term keys pass)",
      withValue(rootWithMfa, "Condition", {
        BoolIfExists: { "aws:MultiFactorAuthPresent": "true" },
      }),
      ROOT,
    ],
    [
      "MFA pinned to false",
      withValue(rootWithMfa, "Condition.Bool.aws:MultiFactorAuthPresent", "false"),
      ROOT,
    ],
    [
      "aws:PrincipalArn matching everything",
      withValue(rootWithMfa, "Condition", { ArnLike: { "aws:PrincipalArn": "*" } }),
      ROOT,
    ],
    [
      "aws:PrincipalArn matching the whole account",
      withValue(rootWithMfa, "Condition", {
        ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:*` },
      }),
      ROOT,
    ],
    [
      "aws:PrincipalAccount (the root's own account)",
      withValue(rootWithMfa, "Condition", { StringEquals: { "aws:PrincipalAccount": ACCOUNT } }),
      ROOT,
    ],
    ["a wildcard action", noCondition, ROOT, "sts:*"],
  ])("fires on %s", (_label, statement, root, action?: string) => {
    const s = action ? { ...(statement as object), Action: action } : statement;
    expect(rootTrustOf(s)).toEqual([unconditional("AccountPrincipalsWithMfa", root)]);
  });

  it.each([
    ["aws:PrincipalArn", { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/ops-*` } }],
    ["aws:PrincipalOrgID", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }],
    ["aws:PrincipalTag", { StringEquals: { "aws:PrincipalTag/team": "platform" } }],
    ["sts:ExternalId", { StringEquals: { "sts:ExternalId": "a1b2c3" } }],
    ["sts:SourceIdentity", { StringLike: { "sts:SourceIdentity": "alice@*" } }],
    ["aws:MultiFactorAuthAge", { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }],
    ["Null aws:MultiFactorAuthAge false", { Null: { "aws:MultiFactorAuthAge": "false" } }],
  ])("counts %s as scoping", (_label, condition) => {
    expect(rootTrustOf({ ...rootWithMfa, Condition: condition })).toEqual([]);
  });

  it("ignores Deny statements and actions other than sts:AssumeRole", () => {
    expect(rootTrustOf({ ...rootWithMfa, Effect: "Deny", Condition: undefined })).toEqual([]);
    expect(rootTrustOf({ ...rootWithMfa, Action: "sts:TagSession", Condition: undefined })).toEqual(
      [],
    );
  });

  it("does not throw on unknown or partial documents", () => {
    expect(violationsOf(rootTrust, ROLE, { assumeRolePolicy: UNKNOWN_STRING })).toEqual([]);
    expect(violationsOf(rootTrust, ROLE, {})).toEqual([]);
    expect(rootTrustOf({ Effect: "Allow", Principal: { AWS: UNKNOWN_STRING } })).toEqual([]);
  });
});

const ENTRY = "aws:eks/accessEntry:AccessEntry";
const ASSOCIATION = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
const CLUSTER_ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/enclave-acme-prod-cluster-admin-abc`;
const BREAK_GLASS = { "enclave:break-glass": "true", "enclave:purpose": "cluster-admin" };

/** The compliant fixture: the kit's break-glass role, its entry and its cluster-wide association. */
const compliant = (): StackResourceInput[] => [
  { type: ROLE, name: "admin-role", props: { arn: ADMIN_ROLE, tags: BREAK_GLASS } },
  {
    type: ENTRY,
    name: "admin-entry",
    props: { clusterName: "enclave-acme-prod", principalArn: ADMIN_ROLE, tags: BREAK_GLASS },
  },
  {
    type: ASSOCIATION,
    name: "admin-association",
    props: {
      clusterName: "enclave-acme-prod",
      principalArn: ADMIN_ROLE,
      policyArn: CLUSTER_ADMIN,
      accessScope: { type: "cluster" },
    },
  },
];
const change = (name: string, path: string, value: unknown) =>
  compliant().map((r) => (r.name === name ? { ...r, props: withValue(r.props, path, value) } : r));
const notBreakGlass = (principal: string, policy = "AmazonEKSClusterAdminPolicy") => ({
  message: `Access policy association "admin-association" grants ${policy} cluster-wide to ${principal}, which is not marked break-glass. Give day-to-day access a namespace-scoped entry; tag the break-glass role or its access entry enclave:break-glass=true, or list it in breakGlassPrincipalArns.`,
  urn: `urn:pulumi:test::enclave::${ASSOCIATION}::admin-association`,
});

describe("aws-eks-accesspolicyassociation-restrict-cluster-admin", () => {
  it("passes cluster admin for a principal marked break-glass by its role or by its entry", () => {
    expect(stackViolationsOf(clusterAdmin, compliant())).toEqual([]);
    expect(stackViolationsOf(clusterAdmin, change("admin-role", "tags", {}))).toEqual([]);
    expect(stackViolationsOf(clusterAdmin, change("admin-entry", "tags", {}))).toEqual([]);
    // tagsAll (provider default tags) counts too
    expect(
      stackViolationsOf(
        clusterAdmin,
        change("admin-entry", "tags", undefined).map((r) =>
          r.name === "admin-role" ? { ...r, props: { arn: ADMIN_ROLE, tagsAll: BREAK_GLASS } } : r,
        ),
      ),
    ).toEqual([]);
  });

  it("fires on the kit's pre-fix shape: cluster admin for a role with no break-glass mark", () => {
    const preFix = compliant().map((r) =>
      r.type === ASSOCIATION
        ? r
        : { ...r, props: { ...r.props, tags: { "enclave:purpose": "cluster-admin" } } },
    );
    expect(stackViolationsOf(clusterAdmin, preFix)).toEqual([notBreakGlass(ADMIN_ROLE)]);
  });

  it("fires when neither the role nor the entry is marked", () => {
    const unmarked = change("admin-role", "tags", {}).map((r) =>
      r.name === "admin-entry" ? { ...r, props: withValue(r.props, "tags", {}) } : r,
    );
    expect(stackViolationsOf(clusterAdmin, unmarked)).toEqual([notBreakGlass(ADMIN_ROLE)]);
  });

  it("fires for a principal the stack does not hold, unless the parameter names it", () => {
    const outside = `arn:aws:iam::${ACCOUNT}:role/platform-admins`;
    const resources = change("admin-association", "principalArn", outside);
    expect(stackViolationsOf(clusterAdmin, resources)).toEqual([notBreakGlass(outside)]);
    expect(
      stackViolationsOf(clusterAdmin, resources, {
        breakGlassPrincipalArns: [`arn:aws:iam::${ACCOUNT}:role/platform-*`],
      }),
    ).toEqual([]);
  });

  it("fires on AmazonEKSAdminPolicy cluster-wide, and on a missing scope", () => {
    const admin = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy";
    const outside = `arn:aws:iam::${ACCOUNT}:role/ops`;
    const base = change("admin-association", "principalArn", outside);
    const withPolicy = base.map((r) =>
      r.type === ASSOCIATION ? { ...r, props: { ...r.props, policyArn: admin } } : r,
    );
    expect(stackViolationsOf(clusterAdmin, withPolicy)).toEqual([
      notBreakGlass(outside, "AmazonEKSAdminPolicy"),
    ]);
    const noScope = base.map((r) =>
      r.type === ASSOCIATION ? { ...r, props: withValue(r.props, "accessScope", undefined) } : r,
    );
    expect(stackViolationsOf(clusterAdmin, noScope)).toEqual([notBreakGlass(outside)]);
  });

  it("accepts namespace-scoped admin and narrower policies for anyone", () => {
    const outside = `arn:aws:iam::${ACCOUNT}:role/ops`;
    const base = change("admin-association", "principalArn", outside);
    const namespaced = base.map((r) =>
      r.type === ASSOCIATION
        ? { ...r, props: { ...r.props, accessScope: { type: "namespace", namespaces: ["acme"] } } }
        : r,
    );
    expect(stackViolationsOf(clusterAdmin, namespaced)).toEqual([]);
    const view = base.map((r) =>
      r.type === ASSOCIATION
        ? {
            ...r,
            props: {
              ...r.props,
              policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
            },
          }
        : r,
    );
    expect(stackViolationsOf(clusterAdmin, view)).toEqual([]);
  });

  it("follows the principalArn reference to a marked role whose ARN it cannot read", () => {
    const resources = compliant().map((r) => {
      if (r.name === "admin-entry") {
        return { ...r, props: withValue(r.props, "tags", {}) };
      }
      if (r.name === "admin-role") {
        return { ...r, props: { tags: BREAK_GLASS } };
      }
      return { ...r, propertyDependencies: { principalArn: ["admin-role"] } };
    });
    expect(stackViolationsOf(clusterAdmin, resources)).toEqual([]);
  });

  it("does not throw, and reports nothing it cannot be sure of, on unknown values", () => {
    expect(
      stackViolationsOf(clusterAdmin, change("admin-association", "principalArn", UNKNOWN_STRING)),
    ).toEqual([]);
    expect(
      stackViolationsOf(clusterAdmin, change("admin-association", "policyArn", UNKNOWN_STRING)),
    ).toEqual([]);
    // An unknown mark could be the break-glass one: no report.
    const unknownMark = change("admin-role", "tags", UNKNOWN_STRING).map((r) =>
      r.name === "admin-entry" ? { ...r, props: withValue(r.props, "tags", {}) } : r,
    );
    expect(stackViolationsOf(clusterAdmin, unknownMark)).toEqual([]);
    expect(stackViolationsOf(clusterAdmin, [])).toEqual([]);
  });
});
