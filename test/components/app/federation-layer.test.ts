import { beforeAll, describe, expect, it } from "vitest";
import * as h from "../../helpers/app-layer";
import { resolveLayerSettings } from "../../../stacks/config/app-settings";
import { LDAP, OIDC_BROKER, TEST_CERT_PEM } from "../../helpers/federation";

type Loose = h.Loose;
const BROKER_SECRET = "upstream-client-secret-value-1";
const BIND_PASSWORD = "ldap-bind-password-value-2";

let resources: h.Recorded[];

beforeAll(async () => {
  await h.setKubernetesMocks();
  const k8s = await import("@pulumi/kubernetes");
  const { AppLayer } = await import("../../../components/app");
  const settings = resolveLayerSettings(
    {
      images: h.DIFFGRAM_IMAGES,
      keycloak: {
        admins: h.MASTER_ADMINS,
        federation: { broker: OIDC_BROKER, ldap: LDAP, caBundle: TEST_CERT_PEM } as never,
      },
    },
    {
      tenant: "acme",
      environment: "prod",
      brokerClientSecret: BROKER_SECRET,
      ldapBindCredential: BIND_PASSWORD,
    },
  ).settings!;
  ({ resources } = await h.render(
    () =>
      new AppLayer("enclave", {
        platform: h.fakePlatform(k8s, { environment: "prod" }),
        settings,
      }),
  ));
});

describe("corporate identity in the rendered layer", () => {
  it("keeps the upstream secrets Pulumi secrets, in the keycloak-federation Secret only", () => {
    const where: string[] = [];
    for (const r of resources) {
      for (const s of h.strings(r.inputs)) {
        if (s.value.includes(BROKER_SECRET) || s.value.includes(BIND_PASSWORD)) {
          where.push(`${r.type} ${s.path} secret=${s.secret}`);
        }
      }
    }
    expect(where.sort()).toEqual([
      "kubernetes:core/v1:Secret stringData.broker-client-secret secret=true",
      "kubernetes:core/v1:Secret stringData.ldap-bind-credential secret=true",
    ]);
    expect(h.named(resources, "Secret", "keycloak-federation").metadata.namespace).toBe(
      "enclave-acme",
    );
  });

  it("imports a realm whose broker and directory hold placeholders Keycloak fills from that Secret", () => {
    const realmSecret = h.named(resources, "Secret", "keycloak-realm");
    const realm = JSON.parse(realmSecret.stringData["acme.json"]);
    expect(realm.identityProviders[0].config.clientSecret).toBe("${ENCLAVE_BROKER_CLIENT_SECRET}");
    expect(
      realm.components["org.keycloak.storage.UserStorageProvider"][0].config.bindCredential,
    ).toEqual(["${ENCLAVE_LDAP_BIND_CREDENTIAL}"]);
    const keycloak = h.named(resources, "Deployment", "keycloak");
    const container = keycloak.spec.template.spec.containers[0];
    const env = Object.fromEntries(
      (container.env as Loose[]).map((e) => [e.name, e.valueFrom?.secretKeyRef ?? e.value]),
    );
    expect(env["ENCLAVE_BROKER_CLIENT_SECRET"]).toEqual({
      name: "keycloak-federation",
      key: "broker-client-secret",
    });
    expect(env["ENCLAVE_LDAP_BIND_CREDENTIAL"]).toEqual({
      name: "keycloak-federation",
      key: "ldap-bind-credential",
    });
  });

  it("adds the corporate CA to Keycloak's truststore from a ConfigMap, read-only", () => {
    const ca = h.named(resources, "ConfigMap", "keycloak-federation-ca");
    expect(ca.data["ca.pem"]).toBe(TEST_CERT_PEM);
    const spec = h.named(resources, "Deployment", "keycloak").spec.template.spec;
    const container = spec.containers[0];
    expect(container.env).toContainEqual({
      name: "KC_TRUSTSTORE_PATHS",
      value: "/etc/enclave/federation-ca/ca.pem",
    });
    expect(container.volumeMounts).toContainEqual({
      name: "federation-ca",
      mountPath: "/etc/enclave/federation-ca",
      readOnly: true,
    });
    expect(spec.volumes).toContainEqual({
      name: "federation-ca",
      configMap: { name: "keycloak-federation-ca", defaultMode: 0o444 },
    });
  });

  it("puts no federation secret in any ConfigMap", () => {
    for (const cm of h.byKind(resources, "ConfigMap")) {
      const text = JSON.stringify(cm);
      expect(text.includes(BROKER_SECRET) || text.includes(BIND_PASSWORD)).toBe(false);
    }
  });
});
