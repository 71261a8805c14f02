import type { Platform } from "../../components/shared/platform";
import {
  resolve,
  runProgram,
  setMockEngine,
  type Loose,
  type RecordedResource,
} from "./mock-engine";

/**
 * The app layer's tests on the one mock engine (mock-engine.ts), and a fake Platform. Every
 * registration is recorded with its inputs exactly as the engine would receive them: secret
 * values stay wrapped in Pulumi's secret envelope, so tests can tell a Pulumi secret from a
 * plain value.
 */

export type { Loose } from "./mock-engine";

/** Key and value that mark a secret in serialized Pulumi properties. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** One registration as the app layer's tests read it (inputs, whether it was a `.get()` read). */
export type Recorded = RecordedResource;

export const CLUSTER_IP = "10.96.0.42";
export const LB_ADDRESS = "203.0.113.50";
export const DB_CA_PEM =
  "-----BEGIN CERTIFICATE-----\nMIIBfakeDatabaseCA\n-----END CERTIFICATE-----\n";

/** Values the random mocks generate: each is unique, so tests can search for it anywhere. */
export const generatedSecrets = new Set<string>();

function hash(text: string): string {
  let h = 7;
  for (const c of text) {
    h = (h * 33 + c.charCodeAt(0)) >>> 0;
  }
  return h.toString(36);
}

/** Data of the Secrets the operator keeps, by `namespace/name` (values base64, as the API returns). */
export const EXISTING_SECRETS: Record<string, Record<string, string>> = {};

function b64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

export function setExistingSecret(id: string, data: Record<string, string>): void {
  EXISTING_SECRETS[id] = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)]));
}

/**
 * What the app layer's tests pin over the engine's outputs: recognisable passwords, a known
 * Service address and load balancer, the operator's existing Secrets for `.get()` reads; every
 * generated random value is noted, so a test can search for it anywhere.
 */
function pin(r: RecordedResource): Record<string, Loose> | undefined {
  switch (r.type) {
    case "random:index/randomPassword:RandomPassword": {
      // A recognisable value the tests match in connection strings and config files.
      const result = `Mock${hash(r.name)}${"x".repeat(40)}`.slice(0, r.inputs.length ?? 48);
      generatedSecrets.add(result);
      return { result };
    }
    case "random:index/randomBytes:RandomBytes":
      generatedSecrets.add(r.state.base64);
      return undefined;
    case "kubernetes:core/v1:Service":
      return {
        spec: { ...(r.inputs.spec ?? {}), clusterIP: r.inputs.spec?.clusterIP ?? CLUSTER_IP },
        status:
          r.inputs.spec?.type === "LoadBalancer"
            ? { loadBalancer: { ingress: [{ ip: LB_ADDRESS }] } }
            : {},
      };
    case "kubernetes:core/v1:Secret":
      if (r.read && r.id !== undefined && EXISTING_SECRETS[r.id]) {
        return {
          metadata: { name: r.id.split("/")[1], namespace: r.id.split("/")[0] },
          data: EXISTING_SECRETS[r.id],
        };
      }
      return undefined;
    default:
      return undefined;
  }
}

export async function setKubernetesMocks(): Promise<void> {
  await setMockEngine({
    call(token) {
      throw new Error(`Mock not implemented: ${token}`);
    },
    pin,
  });
}

/** Runs `program` as a stack and returns every resource it registered (after all resolved). */
export async function render<T>(program: () => T): Promise<{ result: T; resources: Recorded[] }> {
  const { result, registered } = await runProgram(program);
  return { result, resources: registered };
}

export { resolve };

export const isSecretEnvelope = (v: unknown): boolean =>
  typeof v === "object" &&
  v !== null &&
  (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;

/** The inputs with every secret envelope replaced by its value (for structural assertions). */
export function plain(value: Loose): Loose {
  if (isSecretEnvelope(value)) {
    return plain((value as Record<string, unknown>).value);
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** Every string in `value` with its path and whether it sits inside a secret envelope. */
export function strings(
  value: Loose,
  path = "",
  inSecret = false,
): { path: string; value: string; secret: boolean }[] {
  if (typeof value === "string") {
    return [{ path, value, secret: inSecret }];
  }
  if (isSecretEnvelope(value)) {
    return strings((value as Record<string, unknown>).value, path, true);
  }
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => strings(v, `${path}[${i}]`, inSecret));
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) =>
      strings(v, path ? `${path}.${k}` : k, inSecret),
    );
  }
  return [];
}

export const kubernetesObjects = (resources: Recorded[]) =>
  resources.filter(
    (r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh") && !r.read,
  );

export function byKind(resources: Recorded[], kind: string): Loose[] {
  return kubernetesObjects(resources)
    .map((r) => plain(r.inputs))
    .filter((o) => o.kind === kind);
}

export function named(resources: Recorded[], kind: string, name: string): Loose {
  const found = byKind(resources, kind).filter((o) => o.metadata?.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${kind} named ${name}, found ${found.length}`);
  }
  return found[0];
}

export interface FakePlatformOptions {
  readonly environment?: "dev" | "staging" | "prod";
  readonly storage?: Partial<Platform["storage"]>;
  readonly database?: Partial<Platform["database"]>;
  readonly ingress?: Partial<Platform["ingress"]>;
  readonly users?: string[];
  readonly operatorGroups?: string[];
}

/** Bindings `bindServiceAccount` was asked for. */
export const bindings: { name: string; serviceAccountName: string; access: string }[] = [];

/** A Platform as a cloud target would hand it over (constructs a provider: call after the mocks). */
export function fakePlatform(
  k8s: typeof import("@pulumi/kubernetes"),
  o: FakePlatformOptions = {},
): Platform {
  bindings.length = 0;
  return {
    cloud: "aws",
    environment: o.environment ?? "dev",
    tenant: "acme",
    isolation: "dedicated",
    domain: "annotate.acme.example.com",
    allowlist: {
      admin: ["198.51.100.0/24"],
      users: o.users ?? ["203.0.113.0/24", "2001:db8::/48"],
    },
    kubernetesProvider: new k8s.Provider("fake-cluster", {}),
    storage: {
      provider: "aws",
      bucketName: "enclave-acme-dev-data",
      region: "eu-west-1",
      credentials: "workload-identity",
      corsOrigins: ["https://annotate.acme.example.com"],
      // Distinct blocks per peer, so the flow-table test can tell them apart.
      network: { cidrs: ["10.42.96.0/24"], port: 443 },
      ...o.storage,
    },
    database: {
      engine: "postgres",
      host: "acme-dev.abc123.eu-west-1.rds.amazonaws.com",
      port: 5432,
      sslMode: "verify-full",
      caBundlePem: DB_CA_PEM,
      cidrs: ["10.42.32.0/20"],
      adminCredentials: {
        kind: "aws-secrets-manager",
        secretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds!db-0000-AbCdEf",
      },
      ...o.database,
    },
    ingress: {
      clusterCidrs: ["10.42.0.0/16", "172.20.0.0/16"],
      metadataCidrs: ["169.254.169.254/32", "169.254.170.23/32"],
      loadBalancerAnnotations: { "service.beta.kubernetes.io/aws-load-balancer-type": "external" },
      kubernetesApiCidrs: ["10.42.97.0/24"],
      cloudApiCidrs: ["10.42.98.0/24"],
      tls: { kind: "cert-manager", issuer: "self-signed" },
      certManager: "install",
      ...o.ingress,
    },
    operatorGroups: o.operatorGroups ?? [],
    bindServiceAccount(request) {
      bindings.push({
        name: request.name,
        serviceAccountName: request.serviceAccountName,
        access: request.access,
      });
      return {
        serviceAccountAnnotations: {
          "eks.amazonaws.com/role-arn": `arn:aws:iam::111122223333:role/enclave-acme-${request.name}`,
        },
      };
    },
  };
}

/** Named master-realm administrators (required in prod). */
export const MASTER_ADMINS = [{ username: "alice", email: "alice@example.com" }];

/** Pinned images for the four Diffgram services (test digests). */
export const DIFFGRAM_IMAGES = {
  diffgramDefault: `registry.example.com/diffgram/default:1.25.3@sha256:${"1".repeat(64)}`,
  diffgramWalrus: `registry.example.com/diffgram/walrus:1.25.3@sha256:${"2".repeat(64)}`,
  diffgramEventhandlers: `registry.example.com/diffgram/eventhandlers:1.25.3@sha256:${"3".repeat(64)}`,
  diffgramFrontend: `registry.example.com/diffgram/frontend:1.25.3@sha256:${"4".repeat(64)}`,
};
