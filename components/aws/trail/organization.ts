import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** What a trail that records the stack for it must be; each entry: the trail's field and why. */
const REQUIRED = [
  ["isOrganizationTrail", "an organisation trail (it records every account of the organisation)"],
  ["enableLogging", "logging"],
  ["isMultiRegionTrail", "multi-region"],
  ["enableLogFileValidation", "validating its log files"],
] as const satisfies readonly (readonly [keyof aws.cloudtrail.Trail & string, string])[];

/**
 * An organisation trail the stack does not own, named by ARN (enclave:aws.organizationTrailArn),
 * in place of the stack's own trail: read at deployment (`aws.cloudtrail.Trail.get`, which fails
 * if no trail of that ARN is visible to the account), and refused when it says it is not an
 * organisation trail, not logging, not multi-region or not validating its log files. Whether it
 * records the tenant bucket's S3 data events is the management account's to set: the packs cannot
 * see it (waive aws-s3-bucket-require-trail-data-events naming the trail).
 */
export function referenceOrganizationTrail(
  name: string,
  trailArn: string,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  const trail = aws.cloudtrail.Trail.get(`${name}-organization-trail`, trailArn, undefined, {
    parent,
  });
  return pulumi
    .all(REQUIRED.map(([field]) => trail[field] as pulumi.Output<boolean | undefined>))
    .apply((values) => {
      const problem = organizationTrailProblem(
        name,
        trailArn,
        Object.fromEntries(REQUIRED.map(([field], i) => [field, values[i]])),
      );
      if (problem !== undefined) {
        throw new Error(problem);
      }
      return trailArn;
    });
}

/** The fields of a read trail that the check looks at (undefined: not returned by the engine). */
export type OrganizationTrailFields = Partial<
  Record<(typeof REQUIRED)[number][0], boolean | undefined>
>;

/**
 * Why the named trail cannot stand in for the stack's (not an organisation trail, not logging,
 * not multi-region or not validating its log files), naming the key, the ARN and the fix;
 * undefined when it can. A field the engine did not return says nothing (the offline review
 * reads only the ARN).
 */
export function organizationTrailProblem(
  name: string,
  trailArn: string,
  fields: OrganizationTrailFields,
): string | undefined {
  const failing = REQUIRED.filter(([field]) => fields[field] === false).map(([, what]) => what);
  return failing.length === 0
    ? undefined
    : `AwsFootprint ${name}: enclave:aws.organizationTrailArn "${trailArn}" names a trail that is not ${failing.join(", nor ")}. Fix: name the organisation's trail (aws cloudtrail describe-trails in the management account), or remove the key so the stack creates its own`;
}
