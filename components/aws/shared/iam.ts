import * as pulumi from "@pulumi/pulumi";

/**
 * IAM and key policy documents as typed values. Documents are built from plain objects holding
 * Inputs and serialised with pulumi.jsonStringify, never with aws.iam.getPolicyDocument: no invoke
 * is needed, and the statements stay readable in tests and in the offline review.
 */
export type Principal =
  | { readonly AWS: pulumi.Input<string> | pulumi.Input<string>[] }
  | { readonly Service: string | string[] }
  | { readonly Federated: pulumi.Input<string> }
  | "*";

export type Conditions = Readonly<
  Record<
    string,
    Readonly<Record<string, pulumi.Input<string> | pulumi.Input<string>[] | pulumi.Input<string[]>>>
  >
>;

export interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal;
  readonly Action: string | readonly string[];
  readonly Resource?: pulumi.Input<string> | readonly pulumi.Input<string>[];
  readonly Condition?: Conditions;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Statement[];
}

export function policyDocument(statements: readonly Statement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** Serialises a document whose values may be Outputs. */
export function toJson(doc: PolicyDocument): pulumi.Output<string> {
  return pulumi.jsonStringify(doc as unknown as pulumi.Input<unknown>);
}

export interface ArnContext {
  readonly partition: string;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
}

/** `arn:<partition>:iam::<account>:root`: the account, i.e. "whoever the account's IAM policies allow". */
export function accountRoot(ctx: ArnContext): pulumi.Output<string> {
  return pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:root`;
}

/** Service principal, e.g. `logs.eu-west-1.amazonaws.com` for regional ones. */
export function servicePrincipal(service: string): string {
  return `${service}.amazonaws.com`;
}

/** `<service>.<region>.amazonaws.com`, the value of kms:ViaService for calls a service makes. */
export function viaService(service: string, region: string, dnsSuffix: string): string {
  return `${service}.${region}.${dnsSuffix}`;
}

/**
 * Trust policy letting one AWS service assume a role. `sourceAccount` adds the confused-deputy
 * guard `aws:SourceAccount`; pass it only for services documented to send that key (VPC Flow
 * Logs does; EKS and EC2 instance roles are trusted without it, as AWS documents them).
 */
export function serviceTrustPolicy(
  service: string,
  opts: {
    readonly sourceAccount?: pulumi.Input<string>;
    readonly actions?: readonly string[];
  } = {},
): pulumi.Output<string> {
  return toJson(
    policyDocument([
      {
        Sid: "TrustService",
        Effect: "Allow",
        Principal: { Service: servicePrincipal(service) },
        Action: opts.actions ?? "sts:AssumeRole",
        ...(opts.sourceAccount !== undefined
          ? { Condition: { StringEquals: { "aws:SourceAccount": opts.sourceAccount } } }
          : {}),
      },
    ]),
  );
}

/** IAM allows 38 characters in a role's name prefix (AWS appends 26 to reach the 64 maximum). */
export const IAM_ROLE_NAME_PREFIX_MAX = 38;

/**
 * A role name prefix from a logical name: Pulumi's own auto-naming would fail on logical names
 * longer than 57 characters (64 with its random suffix), which long tenant names reach. Short
 * names are kept as they are; long ones are cut and made unique again with a hash.
 */
export function roleNamePrefix(logicalName: string): string {
  const full = `${logicalName}-`;
  if (full.length <= IAM_ROLE_NAME_PREFIX_MAX) {
    return full;
  }
  let h = 0x811c9dc5;
  for (const c of logicalName) {
    h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  }
  const hash = h.toString(16).padStart(8, "0");
  return `${logicalName.slice(0, IAM_ROLE_NAME_PREFIX_MAX - hash.length - 2).replace(/-+$/, "")}-${hash}-`;
}
