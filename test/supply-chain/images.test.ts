import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import type { ReviewedResource } from "../../review/model";
import { exitCodeOfList, listImages, normalise, renderList } from "../../supply-chain/image-list";
import { main as review } from "../../review/cli";
import { main } from "../../supply-chain/images";

const DIGEST = `sha256:${"a".repeat(64)}`;

function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  custom = true,
): ReviewedResource {
  return {
    urn: `urn:pulumi:s::p::${type}::${name}`,
    type,
    name,
    custom,
    protect: false,
    retainOnDelete: false,
    dependencies: [],
    propertyDependencies: {},
    additionalSecretOutputs: [],
    inputs,
    outputs: {},
  };
}

const podSpec = (...images: unknown[]) => ({
  initContainers: [{ name: "init", image: images[0] }],
  containers: images.slice(1).map((image, i) => ({ name: `c${i}`, image })),
});

describe("the image list", () => {
  it("normalises references as the runtime resolves them", () => {
    expect(normalise(`rabbitmq:4.1@${DIGEST}`)).toBe(`docker.io/library/rabbitmq:4.1@${DIGEST}`);
    expect(normalise("index.docker.io/acme/app:1")).toBe("docker.io/acme/app:1");
    expect(normalise("quay.io/keycloak/keycloak:26")).toBe("quay.io/keycloak/keycloak:26");
  });

  it("lists every container of pods and pod-template owners once per image, with its resources", () => {
    const list = listImages([
      resource("kubernetes:core/v1:Pod", "pod", {
        spec: podSpec(`busybox@${DIGEST}`, `nginx:1@${DIGEST}`),
      }),
      resource("kubernetes:apps/v1:Deployment", "web", {
        spec: {
          template: { spec: podSpec(`nginx:1@${DIGEST}`, `docker.io/library/nginx:1@${DIGEST}`) },
        },
      }),
      resource("kubernetes:batch/v1:CronJob", "cron", {
        spec: {
          jobTemplate: { spec: { template: { spec: podSpec(`ghcr.io/acme/job:2@${DIGEST}`) } } },
        },
      }),
    ]);
    expect(list.images).toEqual([
      {
        image: `docker.io/library/busybox@${DIGEST}`,
        resources: ["urn:pulumi:s::p::kubernetes:core/v1:Pod::pod"],
      },
      {
        image: `docker.io/library/nginx:1@${DIGEST}`,
        resources: [
          "urn:pulumi:s::p::kubernetes:apps/v1:Deployment::web",
          "urn:pulumi:s::p::kubernetes:core/v1:Pod::pod",
        ],
      },
      {
        image: `ghcr.io/acme/job:2@${DIGEST}`,
        resources: ["urn:pulumi:s::p::kubernetes:batch/v1:CronJob::cron"],
      },
    ]);
    expect(exitCodeOfList(list)).toBe(0);
  });

  it("fails on an image without a digest, naming it and what runs it", () => {
    const list = listImages([
      resource("kubernetes:apps/v1:StatefulSet", "db", {
        spec: { template: { spec: podSpec(`a@${DIGEST}`, "postgres:16") } },
      }),
    ]);
    expect(list.unpinned.map((u) => u.image)).toEqual(["docker.io/library/postgres:16"]);
    expect(exitCodeOfList(list)).toBe(1);
    expect(renderList("s", list)).toContain(
      "NOT PINNED: docker.io/library/postgres:16 (run by db): pin it by digest",
    );
  });

  it("says what it cannot see: a Helm release's workloads, and an image unknown at preview", () => {
    const list = listImages([
      resource("kubernetes:helm.sh/v3:Release", "cert-manager", { chart: "cert-manager" }),
      resource("kubernetes:core/v1:Pod", "p", { spec: podSpec(`a@${DIGEST}`, { unknown: true }) }),
    ]);
    expect(list.opaque.map((o) => o.resource)).toEqual([
      "urn:pulumi:s::p::kubernetes:helm.sh/v3:Release::cert-manager",
    ]);
    expect(list.unresolved).toEqual([
      { resource: "urn:pulumi:s::p::kubernetes:core/v1:Pod::p", container: "c0" },
    ]);
    expect(exitCodeOfList(list)).toBe(1);
  });

  it("notes managed add-ons without counting them as failures", () => {
    const list = listImages([resource("aws:eks/addon:Addon", "coredns", { addonName: "coredns" })]);
    expect(list.managed).toHaveLength(1);
    expect(list.managed[0]!.note).toContain("EKS add-on coredns (version chosen by EKS");
    expect(exitCodeOfList(list)).toBe(0);
  });
});

describe("npm run images", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-images-"));

  it("lists every image of onprem-dev pinned by digest (exit 0) and writes the JSON", async () => {
    const file = path.join(dir, "onprem-dev.json");
    expect(await main(["--stack", "onprem-dev", "--json", file])).toBe(0);
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as {
      images: { image: string; resources: string[] }[];
    };
    expect(json.images.length).toBeGreaterThanOrEqual(7);
    for (const u of json.images) {
      expect(u.image).toMatch(/^[a-z0-9.-]+(:\d+)?\/[^@]+:[^@]+@sha256:[a-f0-9]{64}$/);
      expect(u.resources.length).toBeGreaterThan(0);
    }
    expect(json.images.map((u) => u.image)).toContainEqual(
      expect.stringContaining("/keycloak/keycloak:"),
    );
  });

  it("lists cert-manager's images by digest on aws-prod (exit 0): its workloads are typed objects", async () => {
    const file = path.join(dir, "aws-prod.json");
    expect(await main(["--stack", "aws-prod", "--json", file])).toBe(0);
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as {
      images: { image: string; resources: string[] }[];
      opaque: unknown[];
      unpinned: unknown[];
    };
    expect([json.unpinned, json.opaque]).toEqual([[], []]);
    const runBy = (component: string) =>
      json.images.find((u) => u.image.includes(`/jetstack/cert-manager-${component}:`));
    for (const component of ["controller", "webhook", "cainjector"]) {
      expect(runBy(component)?.image).toMatch(
        new RegExp(
          `^quay\\.io/jetstack/cert-manager-${component}:v1\\.19\\.1@sha256:[a-f0-9]{64}$`,
        ),
      );
      expect(runBy(component)?.resources).toEqual([
        expect.stringMatching(
          new RegExp(
            `kubernetes:apps/v1:Deployment::enclave-certificates-cert-manager-${component}$`,
          ),
        ),
      ]);
    }
  });

  it("lists a tenant on a platform stack given the platform's outputs (--stack-outputs), else exits 2", async () => {
    expect(await main(["--stack", "aws-tenant-dedicated"])).toBe(2);
    const outputs = path.join(dir, "aws-platform.outputs.json");
    expect(await review(["--stack", "aws-platform", "--outputs", outputs, "--quiet"])).toBe(0);
    const file = path.join(dir, "tenant.json");
    expect(
      await main([
        "--stack",
        "aws-tenant-dedicated",
        "--stack-outputs",
        `aws-platform=${outputs}`,
        "--json",
        file,
      ]),
    ).toBe(0);
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as { images: { image: string }[] };
    expect(json.images.length).toBeGreaterThan(0);
    for (const u of json.images) {
      expect(u.image).toMatch(/@sha256:[a-f0-9]{64}$/);
    }
  });

  it("exits 2 for a stack that does not exist or a missing --stack", async () => {
    expect(await main(["--stack", "no-such-stack"])).toBe(2);
    expect(await main([])).toBe(2);
  });
});
