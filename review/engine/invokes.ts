import { hex } from "./ids";

/** What an invoke answer may depend on. */
export interface InvokeContext {
  readonly awsRegion: string;
  readonly awsAccountId: string;
  readonly gcpProject: string;
  readonly gcpRegion: string;
}

type Answer = (inputs: Record<string, unknown>, ctx: InvokeContext) => Record<string, unknown>;

/** Renders aws.iam.getPolicyDocument's statements as the provider does (a JSON policy). */
function policyDocument(inputs: Record<string, unknown>): Record<string, unknown> {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const statements = (Array.isArray(inputs["statements"]) ? inputs["statements"] : []).map(
    (raw) => {
      const s = raw as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      if (s["sid"]) {
        out["Sid"] = s["sid"];
      }
      out["Effect"] = s["effect"] ?? "Allow";
      for (const key of ["actions", "notActions", "resources", "notResources"]) {
        const v = s[key];
        if (Array.isArray(v) && v.length > 0) {
          out[cap(key.replace(/s$/, ""))] = v.length === 1 ? v[0] : v;
        }
      }
      for (const key of ["principals", "notPrincipals"]) {
        const v = s[key];
        if (Array.isArray(v) && v.length > 0) {
          const principal: Record<string, unknown> = {};
          for (const p of v as Record<string, unknown>[]) {
            const ids = p["identifiers"] as unknown[];
            principal[String(p["type"])] = ids.length === 1 ? ids[0] : ids;
          }
          out[cap(key.replace(/s$/, ""))] =
            principal["*"] !== undefined && Object.keys(principal).length === 1 ? "*" : principal;
        }
      }
      const conditions = Array.isArray(s["conditions"])
        ? (s["conditions"] as Record<string, unknown>[])
        : [];
      if (conditions.length > 0) {
        const condition: Record<string, Record<string, unknown>> = {};
        for (const c of conditions) {
          const values = c["values"] as unknown[];
          (condition[String(c["test"])] ??= {})[String(c["variable"])] =
            values.length === 1 ? values[0] : values;
        }
        out["Condition"] = condition;
      }
      return out;
    },
  );
  const json = JSON.stringify({
    Version: inputs["version"] ?? "2012-10-17",
    Statement: statements,
  });
  return { json, minifiedJson: json, id: hex(json, 10) };
}

/**
 * Invokes the kit's programs make, answered as the providers would for the review's pretend
 * account and region. An invoke not listed here fails the review naming its token: a silent
 * made-up answer would hide a reference the reviewer cannot vouch for.
 */
export const INVOKES: Record<string, Answer> = {
  "aws:index/getCallerIdentity:getCallerIdentity": (_i, ctx) => ({
    accountId: ctx.awsAccountId,
    arn: `arn:aws:sts::${ctx.awsAccountId}:assumed-role/enclave-review/offline`,
    userId: "AROAOFFLINEREVIEW:offline",
    id: ctx.awsAccountId,
  }),
  "aws:index/getRegion:getRegion": (_i, ctx) => ({
    name: ctx.awsRegion,
    region: ctx.awsRegion,
    id: ctx.awsRegion,
    endpoint: `ec2.${ctx.awsRegion}.amazonaws.com`,
    description: ctx.awsRegion,
  }),
  "aws:index/getPartition:getPartition": () => ({
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
    id: "aws",
  }),
  "aws:index/getAvailabilityZones:getAvailabilityZones": (_i, ctx) => ({
    names: ["a", "b", "c"].map((z) => `${ctx.awsRegion}${z}`),
    zoneIds: [1, 2, 3].map((n) => `${ctx.awsRegion.replace(/-/g, "").slice(0, 4)}-az${n}`),
    id: ctx.awsRegion,
    groupNames: [ctx.awsRegion],
  }),
  "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => policyDocument(inputs),
  // The account's detector named by enclave:aws.guardDutyDetectorId: the pretend account has it,
  // enabled with the features the kit requires. The review cannot see the real one; `pulumi up`
  // reads it and refuses a disabled detector or one without them.
  "aws:guardduty/getDetector:getDetector": (inputs, ctx) => {
    const id = typeof inputs["id"] === "string" ? inputs["id"] : hex("detector", 32);
    return {
      id,
      arn: `arn:aws:guardduty:${ctx.awsRegion}:${ctx.awsAccountId}:detector/${id}`,
      status: "ENABLED",
      findingPublishingFrequency: "SIX_HOURS",
      features: ["S3_DATA_EVENTS", "EKS_AUDIT_LOGS"].map((name) => ({
        name,
        status: "ENABLED",
        additionalConfigurations: [],
      })),
      serviceRoleArn: `arn:aws:iam::${ctx.awsAccountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
      region: ctx.awsRegion,
      tags: {},
    };
  },
  "gcp:organizations/getProject:getProject": (_i, ctx) => ({
    projectId: ctx.gcpProject,
    number: "123456789012",
    name: ctx.gcpProject,
    id: `projects/${ctx.gcpProject}`,
  }),
  "gcp:organizations/getClientConfig:getClientConfig": (_i, ctx) => ({
    project: ctx.gcpProject,
    region: ctx.gcpRegion,
    zone: `${ctx.gcpRegion}-b`,
    accessToken: "offline-review-token",
    id: "offline",
  }),
};

export class UnknownInvokeError extends Error {
  /** The SDK surfaces a monitor error's `details` (gRPC style) to the program. */
  readonly details: string;

  constructor(readonly token: string) {
    super(
      `the program calls the function "${token}", which the offline engine cannot answer. ` +
        "Fix: compute the value in the program instead (e.g. pulumi.interpolate / pulumi.jsonStringify), " +
        "or add an answer for this token to review/engine/invokes.ts.",
    );
    this.name = "UnknownInvokeError";
    this.details = this.message;
  }
}

export function answerInvoke(
  token: string,
  inputs: Record<string, unknown>,
  ctx: InvokeContext,
): Record<string, unknown> {
  const answer = INVOKES[token];
  if (!answer) {
    throw new UnknownInvokeError(token);
  }
  return answer(inputs, ctx);
}
