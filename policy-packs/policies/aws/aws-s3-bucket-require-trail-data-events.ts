import { stackPolicy } from "../../lib/define";
import { UNKNOWN, forEachKnown, ofTypes, tryRead } from "../../lib/stack";
import { arr, bool, get, rec, str, strings } from "../../lib/props";
import { cisAws } from "../../lib/aws/common";
import { BUCKET_TYPES, bucketName, buckets, logBuckets } from "../../lib/aws/s3";

const TRAIL = "aws:cloudtrail/trail:Trail";

/** What a trail's selectors record of S3 objects: bucket-name prefixes ("" = every bucket), or unknown. */
function coveredBuckets(trail: Readonly<Record<string, unknown>>): string[] {
  if (bool(trail.enableLogging) === false) {
    return [];
  }
  const covered: string[] = [];
  for (const selector of arr(trail.advancedEventSelectors)) {
    const fields = arr(get(selector, "fieldSelectors")).map(rec);
    const field = (name: string) => fields.filter((f) => str(f.field) === name);
    const equalsAll = (name: string, value: string) =>
      field(name).length > 0 && field(name).every((f) => strings(f.equals).includes(value));
    // A readOnly selector records only reads or only writes; the bucket needs both.
    if (!equalsAll("eventCategory", "Data") || field("readOnly").length > 0) {
      continue;
    }
    if (!equalsAll("resources.type", "AWS::S3::Object")) {
      continue;
    }
    const arns = field("resources.ARN");
    if (arns.length === 0) {
      covered.push("");
      continue;
    }
    for (const f of arns) {
      covered.push(...[...strings(f.startsWiths), ...strings(f.equals)].map(bucketName));
    }
  }
  for (const selector of arr(trail.eventSelectors)) {
    if ((str(get(selector, "readWriteType")) ?? "All") !== "All") {
      continue;
    }
    for (const data of arr(get(selector, "dataResources"))) {
      if (str(get(data, "type")) === "AWS::S3::Object") {
        covered.push(...strings(get(data, "values")).map(bucketName));
      }
    }
  }
  return covered;
}

export default stackPolicy({
  name: "aws-s3-bucket-require-trail-data-events",
  description:
    "Every S3 bucket of the stack that holds data (no access log, load balancer log, flow log or trail writes to it) must be covered by a CloudTrail trail of the stack that records its S3 data events, reads and writes. Without them nobody can say who downloaded or overwrote which object: server access logs are best effort and name only the role.",
  severity: "high",
  remediation:
    'Add an aws.cloudtrail.Trail with an advanced event selector { fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, { field: "resources.ARN", startsWiths: [`${bucket.arn}/`] }] } and no readOnly selector. A trail the stack does not own (an organisation trail) is not visible here: waive with the trail\'s name.',
  controls: { nist: ["AU-2", "AU-3", "AU-12"], cis: cisAws("3.8", "3.9") },
  concern: "data-protection",
  resourceTypes: [...BUCKET_TYPES, TRAIL],
  check(resources, report) {
    const logs = logBuckets(resources);
    if (logs.uncertain) {
      return;
    }
    const covered: string[] = [];
    for (const trail of ofTypes(resources, [TRAIL])) {
      const prefixes = tryRead(() => coveredBuckets(trail.props));
      if (prefixes === UNKNOWN) {
        return; // a trail still being computed could cover any bucket
      }
      covered.push(...prefixes);
    }
    forEachKnown(buckets(resources), (bucket) => {
      if (logs.urns.has(bucket.urn)) {
        return;
      }
      const name = str(bucket.props.bucket);
      if (name === undefined || name === "") {
        return;
      }
      // "name/" or "name/prefix" covers part of the bucket only when a prefix follows the slash.
      const whole = covered.some((c) => c === "" || c === name || c === `${name}/`);
      if (!whole) {
        report(
          `Bucket "${bucket.name}" holds data but no trail of the stack records its object reads and writes. Add a trail with S3 data events (read and write) for ${name}.`,
          bucket.urn,
        );
      }
    });
  },
});
