import { describe, expect, it } from "vitest";
import { STATEFUL_TYPES } from "../../../policy-packs/lib/stateful";
import dataTags from "../../../policy-packs/policies/pulumi/pulumi-resource-stateful-require-data-tags";
import { runResourcePolicy } from "../../helpers/policy";
import { UNKNOWN } from "../../helpers/unknowns";

const run = (type: string, props: Record<string, unknown>, config?: Record<string, unknown>) =>
  runResourcePolicy(dataTags, { type, props, ...(config ? { config } : {}) });

const AWS_TAGS = {
  "enclave:classification": "confidential",
  "enclave:owner": "acme-data-governance",
  "enclave:tenant": "acme",
  "enclave:environment": "prod",
};
const GCP_LABELS = {
  "enclave-classification": "restricted",
  "enclave-owner": "acme-data-governance",
  "enclave-tenant": "acme",
  "enclave-environment": "prod",
};
const K8S_LABELS = {
  "enclave/classification": "internal",
  "enclave/owner": "acme-data-governance",
  "app.kubernetes.io/instance": "acme",
  "enclave/environment": "dev",
};

/** A compliant shape for each provider and where it keeps its marks. */
const COMPLIANT: ReadonlyArray<[string, Record<string, unknown>]> = [
  ["aws:s3/bucket:Bucket", { bucket: "enclave-acme-prod-data-1", tags: AWS_TAGS }],
  ["aws:kms/key:Key", { tags: AWS_TAGS }],
  ["aws:rds/instance:Instance", { tags: AWS_TAGS }],
  ["gcp:storage/bucket:Bucket", { labels: GCP_LABELS }],
  ["gcp:sql/databaseInstance:DatabaseInstance", { settings: { userLabels: GCP_LABELS } }],
  ["gcp:container/cluster:Cluster", { resourceLabels: GCP_LABELS }],
  ["kubernetes:core/v1:PersistentVolumeClaim", { metadata: { labels: K8S_LABELS } }],
];

const MISSING_AWS = (holds: string, missing: string) =>
  `This resource holds ${holds}; it lacks the data tags ${missing}. Set enclave:classification and enclave:owner in the stack (the kit's components tag every resource with them, the tenant and the environment), or add the tags to a resource made outside them.`;

describe("pulumi-resource-stateful-require-data-tags", () => {
  it.each(COMPLIANT)("passes a tagged %s", (type, props) => {
    expect(run(type, props)).toEqual({ violations: [] });
  });

  it("judges every stateful type that takes tags or labels, and no database inside an instance", () => {
    const judged = dataTags.enclave.resourceTypes ?? [];
    expect(judged).toContain("aws:s3/bucket:Bucket");
    expect(judged).not.toContain("gcp:sql/database:Database");
    expect(judged.length).toBe(STATEFUL_TYPES.length - 3);
  });

  it.each([
    ["enclave:classification"],
    ["enclave:owner"],
    ["enclave:tenant"],
    ["enclave:environment"],
  ])("fails an AWS bucket without %s", (key) => {
    const tags: Record<string, string> = { ...AWS_TAGS };
    delete tags[key];
    expect(run("aws:s3/bucket:Bucket", { tags }).violations).toEqual([MISSING_AWS("objects", key)]);
  });

  it("fails an untagged key, naming the four tags, and an empty value counts as missing", () => {
    expect(run("aws:kms/key:Key", {}).violations).toEqual([
      MISSING_AWS(
        "key material; data encrypted under it becomes unreadable",
        "enclave:classification, enclave:owner, enclave:tenant, enclave:environment",
      ),
    ]);
    expect(
      run("aws:kms/key:Key", { tags: { ...AWS_TAGS, "enclave:owner": " " } }).violations,
    ).toHaveLength(1);
  });

  it("fails a GCP Cloud SQL instance whose userLabels lack the owner, in GCP's words", () => {
    const { "enclave-owner": _o, ...rest } = GCP_LABELS;
    expect(
      run("gcp:sql/databaseInstance:DatabaseInstance", { settings: { userLabels: rest } })
        .violations,
    ).toEqual([
      "This resource holds databases and their automated backups; it lacks the data labels enclave-owner. Set enclave:classification and enclave:owner in the stack (the kit's components tag every resource with them, the tenant and the environment), or add the labels to a resource made outside them.",
    ]);
  });

  it("fails a classification or environment outside the allowed values", () => {
    expect(
      run("aws:s3/bucket:Bucket", { tags: { ...AWS_TAGS, "enclave:classification": "secret" } })
        .violations,
    ).toEqual([
      'Its enclave:classification is "secret", not one of internal, confidential, restricted (policy parameter allowedClassifications). Set it to one of them.',
    ]);
    expect(
      run("gcp:storage/bucket:Bucket", { labels: { ...GCP_LABELS, "enclave-environment": "qa" } })
        .violations,
    ).toEqual([
      'Its enclave-environment is "qa", not one of dev, staging, prod (policy parameter allowedEnvironments). Set it to one of them.',
    ]);
  });

  it("takes the allowed values from its parameters", () => {
    const props = { tags: AWS_TAGS };
    expect(
      run("aws:s3/bucket:Bucket", props, { allowedClassifications: ["restricted"] }).violations,
    ).toEqual([
      'Its enclave:classification is "confidential", not one of restricted (policy parameter allowedClassifications). Set it to one of them.',
    ]);
    expect(
      run("aws:s3/bucket:Bucket", props, { allowedClassifications: ["confidential"] }),
    ).toEqual({ violations: [] });
  });

  it("judges a StatefulSet only when it deletes its claims", () => {
    const type = "kubernetes:apps/v1:StatefulSet";
    expect(run(type, { spec: {} })).toEqual({ violations: [] });
    const deleting = {
      spec: {
        volumeClaimTemplates: [{ metadata: { name: "data" } }],
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete" },
      },
    };
    expect(run(type, deleting).violations).toHaveLength(1);
    expect(run(type, { ...deleting, metadata: { labels: K8S_LABELS } })).toEqual({
      violations: [],
    });
  });

  it("never throws on unknown or odd inputs", () => {
    for (const [type, props] of COMPLIANT) {
      for (const key of Object.keys(props)) {
        expect(() => run(type, { ...props, [key]: UNKNOWN })).not.toThrow();
      }
      expect(() => run(type, { tags: "x", labels: [1], settings: null })).not.toThrow();
      expect(() => run(type, props, { allowedClassifications: "x" })).not.toThrow();
    }
  });
});
