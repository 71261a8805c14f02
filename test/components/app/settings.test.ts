import { describe, expect, it } from "vitest";
import { resolveLayerSettings } from "../../../stacks/config/app-settings";
import {
  IMAGE_NAMES,
  UPSTREAM_IMAGES,
  isPinnedImage,
  upstreamReference,
} from "../../../components/app/images";
import { DIFFGRAM_IMAGES, MASTER_ADMINS } from "../../helpers/app-layer";

const ctx = { tenant: "acme", environment: "prod" as const };

describe("images table", () => {
  it("pins every image it ships a default for by digest, with the tag it came from", () => {
    for (const name of IMAGE_NAMES) {
      const ref = upstreamReference(name);
      if (ref !== undefined) {
        expect(isPinnedImage(ref), ref).toBe(true);
        expect(ref).toBe(
          `${UPSTREAM_IMAGES[name].repository}:${UPSTREAM_IMAGES[name].tag}@${UPSTREAM_IMAGES[name].digest}`,
        );
      }
    }
    expect(IMAGE_NAMES.filter((n) => upstreamReference(n) === undefined)).toEqual([
      "diffgramDefault",
      "diffgramWalrus",
      "diffgramEventhandlers",
      "diffgramFrontend",
    ]);
  });

  it.each([
    ["a tag without digest", "docker.io/library/traefik:v3.7.11", false],
    ["a digest that is too short", `quay.io/keycloak/keycloak@sha256:${"a".repeat(63)}`, false],
    ["no registry host", `diffgram/default@sha256:${"a".repeat(64)}`, false],
    ["upper-case hex", `quay.io/keycloak/keycloak@sha256:${"A".repeat(64)}`, false],
    [
      "registry with port, tag and digest",
      `registry.example.com:5000/diffgram/default:1.25.3@sha256:${"a".repeat(64)}`,
      true,
    ],
  ])("recognises %s", (_label, ref, pinned) => {
    expect(isPinnedImage(ref)).toBe(pinned);
  });
});

describe("resolveLayerSettings", () => {
  it("requires the Diffgram digests, naming each key and how to get it", () => {
    const result = resolveLayerSettings({ keycloak: { admins: MASTER_ADMINS } }, ctx);
    expect(result.problems.map((p) => `${p.key}: ${p.problem}. Fix: ${p.fix}`)).toEqual(
      (["default", "walrus", "eventhandlers", "frontend"] as const).map(
        (s) =>
          `enclave:app.images.diffgram${s[0]!.toUpperCase()}${s.slice(1)}: has no default: enclave ships no verified digest for docker.io/diffgram/${s}:1.25.3. Fix: pull and scan the image (or mirror it), then set its pinned reference, e.g. "docker.io/diffgram/${s}:1.25.3@sha256:<digest>" from \`crane digest docker.io/diffgram/${s}:1.25.3\``,
      ),
    );
  });

  it("reserves the tenant name master (Keycloak's own realm)", () => {
    const result = resolveLayerSettings(
      { images: DIFFGRAM_IMAGES, keycloak: { admins: MASTER_ADMINS } },
      { ...ctx, tenant: "master" },
    );
    expect(result.problems).toEqual([
      {
        key: "enclave:tenant",
        value: "master",
        problem:
          "is reserved: Keycloak's administration realm is called master, and each tenant gets a realm of its name",
        fix: "choose another tenant name",
      },
    ]);
  });

  it("refuses an SSO idle timeout above the maximum lifetime, defaults included", () => {
    const result = resolveLayerSettings(
      { images: DIFFGRAM_IMAGES, keycloak: { ssoSessionMaxSeconds: 900, admins: MASTER_ADMINS } },
      ctx,
    );
    expect(result.problems).toEqual([
      {
        key: "enclave:app.keycloak.ssoSessionIdleSeconds",
        value: 1800,
        problem: "is above the SSO maximum lifetime (900 s)",
        fix: "keep the idle timeout at or below enclave:app.keycloak.ssoSessionMaxSeconds",
      },
    ]);
  });

  it("requires named master-realm administrators in prod, not elsewhere", () => {
    const fix =
      "list the named administrators, e.g. [{ username: alice, email: alice@example.com }] (each sets a password and enrols OTP at the first login)";
    expect(resolveLayerSettings({ images: DIFFGRAM_IMAGES }, ctx).problems).toEqual([
      {
        key: "enclave:app.keycloak.admins",
        value: undefined,
        problem:
          "names no administrator: in prod the bootstrap admin client would be the master realm's only administrator",
        fix,
      },
    ]);
    expect(
      resolveLayerSettings({ images: DIFFGRAM_IMAGES, keycloak: { admins: [] } }, ctx).problems,
    ).toEqual([expect.objectContaining({ key: "enclave:app.keycloak.admins", value: [], fix })]);
    const dev = resolveLayerSettings({ images: DIFFGRAM_IMAGES }, { ...ctx, environment: "dev" });
    expect(dev.problems).toEqual([]);
    expect(dev.settings?.keycloak.admins).toEqual([]);
  });

  it("applies the secure defaults", () => {
    const { settings } = resolveLayerSettings(
      { images: DIFFGRAM_IMAGES, keycloak: { admins: MASTER_ADMINS } },
      ctx,
    );
    expect(settings).toEqual({
      namespace: "enclave-acme",
      realm: "acme",
      images: {
        keycloak: upstreamReference("keycloak"),
        rabbitmq: upstreamReference("rabbitmq"),
        rabbitmqProxy: upstreamReference("rabbitmqProxy"),
        traefik: upstreamReference("traefik"),
        certManagerController: upstreamReference("certManagerController"),
        certManagerWebhook: upstreamReference("certManagerWebhook"),
        certManagerCainjector: upstreamReference("certManagerCainjector"),
        certManagerAcmesolver: upstreamReference("certManagerAcmesolver"),
        ...DIFFGRAM_IMAGES,
      },
      replicas: {
        keycloak: 2,
        diffgramDefault: 2,
        diffgramWalrus: 1,
        diffgramFrontend: 2,
        traefik: 2,
      },
      signedUrlLifetimeSeconds: 3600,
      tls: {
        mode: "cert-manager",
        issuer: undefined,
        acme: undefined,
        installCertManager: undefined,
      },
      keycloak: {
        accessTokenLifespanSeconds: 300,
        ssoSessionIdleSeconds: 1800,
        ssoSessionMaxSeconds: 36000,
        eventsRetentionDays: 90,
        passwordMinLength: 14,
        requirePkce: true,
        otp: "all",
        admins: MASTER_ADMINS,
      },
      operators: { groups: [], users: [] },
      storageClassName: undefined,
      rabbitmqStorageGi: 8,
      rabbitmqMutualTls: false,
    });
  });

  it("takes overrides from enclave:app", () => {
    const { settings } = resolveLayerSettings(
      {
        images: {
          ...DIFFGRAM_IMAGES,
          traefik: `registry.example.com/traefik:v3.7.11@sha256:${"9".repeat(64)}`,
        },
        replicas: { keycloak: 3 },
        signedUrlLifetimeSeconds: 600,
        tls: { mode: "existing", existingSecret: { name: "wildcard", namespace: "certs" } },
        keycloak: { requirePkce: false, otp: "administrators", admins: MASTER_ADMINS },
        operators: { groups: ["acme-ops"] },
        rabbitmqMutualTls: true,
      },
      { tenant: "acme", environment: "dev" },
    );
    expect(settings).toMatchObject({
      rabbitmqMutualTls: true,
      images: { traefik: `registry.example.com/traefik:v3.7.11@sha256:${"9".repeat(64)}` },
      replicas: { keycloak: 3, diffgramDefault: 1 },
      signedUrlLifetimeSeconds: 600,
      tls: { mode: "existing", secret: { name: "wildcard", namespace: "certs" } },
      keycloak: { requirePkce: false, otp: "administrators", accessTokenLifespanSeconds: 300 },
      operators: { groups: ["acme-ops"], users: [] },
    });
  });
});
