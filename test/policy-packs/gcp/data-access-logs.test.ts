import { describe, expect, it } from "vitest";
import { GCP } from "../../../policy-packs/lib/gcp/types";
import policy from "../../../policy-packs/policies/gcp/gcp-storage-bucket-require-data-access-logs";
import { runStackPolicy, urnOf } from "../../helpers/policy";
import { BUCKET, PROJECT, STORAGE_AUDIT_CONFIG, mutate } from "../../helpers/gcp-fixtures";
import { UNKNOWN } from "../../helpers/unknowns";

/** The compliant shape: a data bucket logging to a log bucket, and storage Data Access audit logs. */
const data = { type: GCP.bucket, name: "data", props: { ...BUCKET, project: PROJECT } };
const logs = {
  type: GCP.bucket,
  name: "logs",
  props: { ...mutate(BUCKET, "logging", undefined), name: "enclave-prod-logs", project: PROJECT },
};
const AUDIT_PROPS = STORAGE_AUDIT_CONFIG;
const audit = { type: GCP.projectIamAuditConfig, name: "audit", props: AUDIT_PROPS };
const withAudit = (props: Record<string, unknown>) => [data, logs, { ...audit, props }];
const run = (resources: Parameters<typeof runStackPolicy>[1]) =>
  runStackPolicy(policy, resources).violations;

const DATA_URN = urnOf(GCP.bucket, "data");
const missing = (types: string, verb: string) =>
  `Bucket "data" holds data but the stack sets no ${types} Data Access audit log for Cloud Storage on its project, so nobody can say which principal ${verb} which object. Add a gcp.projects.IAMAuditConfig for storage.googleapis.com with DATA_READ and DATA_WRITE.`;

describe("gcp-storage-bucket-require-data-access-logs", () => {
  it("passes a data bucket covered by storage Data Access audit logs; the log bucket is exempt", () => {
    expect(run([data, logs, audit])).toEqual([]);
  });

  it("accepts allServices, split configs (GCP unions them), and folder or organization configs", () => {
    expect(run(withAudit({ ...AUDIT_PROPS, service: "allServices" }))).toEqual([]);
    const read = {
      ...audit,
      name: "read",
      props: { ...AUDIT_PROPS, auditLogConfigs: [{ logType: "DATA_READ" }] },
    };
    const write = {
      ...audit,
      name: "write",
      props: {
        ...AUDIT_PROPS,
        service: "allServices",
        auditLogConfigs: [{ logType: "DATA_WRITE" }],
      },
    };
    expect(run([data, logs, read, write])).toEqual([]);
    const { project: _p, ...above } = AUDIT_PROPS;
    expect(
      run([
        data,
        logs,
        { ...audit, type: GCP.folderIamAuditConfig, props: { ...above, folder: "folders/1" } },
      ]),
    ).toEqual([]);
    expect(
      run([
        data,
        logs,
        { ...audit, type: GCP.organizationIamAuditConfig, props: { ...above, orgId: "1" } },
      ]),
    ).toEqual([]);
  });

  it("fails a data bucket with no audit config", () => {
    expect(run([data, logs])).toEqual([
      { message: missing("DATA_READ or DATA_WRITE", "read or wrote"), urn: DATA_URN },
    ]);
  });

  it("fails a config without DATA_READ, or without DATA_WRITE", () => {
    expect(
      run(withAudit({ ...AUDIT_PROPS, auditLogConfigs: [{ logType: "DATA_WRITE" }] })),
    ).toEqual([{ message: missing("DATA_READ", "read"), urn: DATA_URN }]);
    expect(run(withAudit({ ...AUDIT_PROPS, auditLogConfigs: [{ logType: "DATA_READ" }] }))).toEqual(
      [{ message: missing("DATA_WRITE", "wrote"), urn: DATA_URN }],
    );
  });

  it("fails a config for another service, or on another project", () => {
    expect(run(withAudit({ ...AUDIT_PROPS, service: "sqladmin.googleapis.com" }))).toEqual([
      { message: missing("DATA_READ or DATA_WRITE", "read or wrote"), urn: DATA_URN },
    ]);
    expect(run(withAudit({ ...AUDIT_PROPS, project: "another-project" }))).toEqual([
      { message: missing("DATA_READ or DATA_WRITE", "read or wrote"), urn: DATA_URN },
    ]);
  });

  it("fails exempted members on the audit config that covers the bucket", () => {
    const exempt = {
      ...AUDIT_PROPS,
      auditLogConfigs: [
        { logType: "DATA_READ", exemptedMembers: ["serviceAccount:etl@p.iam.gserviceaccount.com"] },
        { logType: "DATA_WRITE" },
      ],
    };
    expect(run(withAudit(exempt))).toEqual([
      {
        message:
          'Audit config "audit" exempts serviceAccount:etl@p.iam.gserviceaccount.com from Cloud Storage\'s Data Access audit logs, so their object reads and writes are not recorded. Remove exemptedMembers.',
        urn: urnOf(GCP.projectIamAuditConfig, "audit"),
      },
    ]);
  });

  it("fails the log bucket too when nothing sends it logs", () => {
    const unlogged = { ...data, props: mutate(data.props, "logging", undefined) };
    expect(run([unlogged, logs]).map((v) => v.urn)).toEqual([DATA_URN, urnOf(GCP.bucket, "logs")]);
  });

  it("never throws on unknowns: an unknown audit config or log target skips, an unknown bucket is skipped alone", () => {
    expect(run(withAudit({ ...AUDIT_PROPS, service: UNKNOWN }))).toEqual([]);
    expect(run(withAudit({ ...AUDIT_PROPS, project: UNKNOWN }))).toEqual([]);
    expect(
      run([{ ...data, props: mutate(data.props, "logging.logBucket", UNKNOWN) }, logs]),
    ).toEqual([]);
    const other = {
      ...data,
      name: "other",
      props: { ...data.props, name: "other", project: UNKNOWN },
    };
    expect(run([data, logs, other])).toEqual([
      { message: missing("DATA_READ or DATA_WRITE", "read or wrote"), urn: DATA_URN },
    ]);
  });
});
