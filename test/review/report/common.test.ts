import { describe, expect, it } from "vitest";
import {
  compareControls,
  parseUrn,
  placeholderNotice,
  resourceLabel,
  stateSecretsNotice,
  verdictOf,
  waiverMatches,
} from "../../../review/report/common";
import {
  EXPIRED_WAIVER,
  cleanReview,
  erroredReview,
  failingReview,
  urnOf,
} from "../../helpers/review-fixtures";

describe("parseUrn", () => {
  it("takes the type from the qualified type's last $ segment", () => {
    expect(
      parseUrn(
        "urn:pulumi:aws-dev::enclave::enclave:aws:Storage$aws:s3/bucket:Bucket::data-bucket",
      ),
    ).toEqual({
      stack: "aws-dev",
      project: "enclave",
      qualifiedType: "enclave:aws:Storage$aws:s3/bucket:Bucket",
      type: "aws:s3/bucket:Bucket",
      name: "data-bucket",
    });
  });

  it("keeps a name that itself contains ::", () => {
    expect(
      parseUrn("urn:pulumi:dev::enclave::kubernetes:core/v1:ConfigMap::apps::settings")?.name,
    ).toBe("apps::settings");
  });

  it.each(["", "arn:aws:s3:::bucket", "urn:pulumi:dev::enclave::aws:s3/bucket:Bucket"])(
    "rejects %j",
    (urn) => {
      expect(parseUrn(urn)).toBeUndefined();
    },
  );

  it("labels a resource by type and name, and a finding without one as the stack", () => {
    expect(
      resourceLabel(urnOf("dev", "enclave:aws:Identity$aws:iam/policy:Policy", "app-policy")),
    ).toBe('aws:iam/policy:Policy "app-policy"');
    expect(resourceLabel(undefined)).toBe("(stack)");
  });
});

describe("compareControls", () => {
  it("orders by family, number and enhancement, other ids last", () => {
    const ids = [
      "SC-28(1)",
      "AU-2",
      "AC-6(10)",
      "custom-1",
      "AC-17",
      "AC-6",
      "SC-7",
      "AC-6(1)",
      "AC-2",
      "SC-28",
    ];
    expect([...ids].sort(compareControls)).toEqual([
      "AC-2",
      "AC-6",
      "AC-6(1)",
      "AC-6(10)",
      "AC-17",
      "AU-2",
      "SC-7",
      "SC-28",
      "SC-28(1)",
      "custom-1",
    ]);
  });
});

describe("verdictOf", () => {
  it("passes, fails with the mandatory count, or could not be evaluated", () => {
    expect(verdictOf(cleanReview())).toBe("PASS");
    expect(verdictOf(failingReview())).toBe("FAIL: 3 mandatory violations");
    expect(verdictOf(erroredReview())).toBe("ERROR: could not be evaluated");
    const one = failingReview("dev", { violations: failingReview().violations.slice(0, 2) });
    expect(verdictOf(one)).toBe("FAIL: 1 mandatory violation");
  });

  it("an error outranks violations", () => {
    expect(verdictOf(failingReview("dev", { errors: erroredReview().errors }))).toBe(
      "ERROR: could not be evaluated",
    );
  });
});

describe("waiverMatches", () => {
  const finding = failingReview().violations.find((v) => v.policy === EXPIRED_WAIVER.policy)!;

  it("matches by resource name or by URN, for the same policy only", () => {
    expect(waiverMatches(EXPIRED_WAIVER, finding)).toBe(true);
    expect(waiverMatches({ ...EXPIRED_WAIVER, resource: finding.urn! }, finding)).toBe(true);
    expect(waiverMatches({ ...EXPIRED_WAIVER, resource: "data-bucket" }, finding)).toBe(false);
    expect(
      waiverMatches({ ...EXPIRED_WAIVER, policy: "aws-kms-key-rotation-enabled" }, finding),
    ).toBe(false);
    expect(waiverMatches(EXPIRED_WAIVER, { ...finding, urn: undefined })).toBe(false);
  });
});

describe("placeholderNotice", () => {
  it("counts the secure values replaced", () => {
    expect(placeholderNotice(failingReview())).toBe(
      "2 secure config values were replaced by placeholders; no key is available offline",
    );
    expect(
      placeholderNotice(cleanReview("p", { placeholderSecrets: ["enclave:dbPassword"] })),
    ).toBe("1 secure config value was replaced by a placeholder; no key is available offline");
    expect(placeholderNotice(cleanReview())).toBeUndefined();
  });
});

describe("stateSecretsNotice", () => {
  it("counts the secrets of a stack export (--state) replaced", () => {
    const key = urnOf("aws-dev", "aws:kms/key:Key", "data-key");
    expect(
      stateSecretsNotice(
        cleanReview("aws-dev", { stateSecrets: [`${key} inputs.a`, `${key} outputs.a`] }),
      ),
    ).toBe(
      "2 secrets of the stack export were replaced by placeholders (ciphertext is not decrypted offline, plaintext is not passed on)",
    );
    expect(stateSecretsNotice(cleanReview("aws-dev", { stateSecrets: [`${key} inputs.a`] }))).toBe(
      "1 secret of the stack export was replaced by a placeholder (ciphertext is not decrypted offline, plaintext is not passed on)",
    );
    expect(stateSecretsNotice(cleanReview())).toBeUndefined();
  });
});
