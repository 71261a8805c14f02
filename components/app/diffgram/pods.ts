import type * as k8s from "@pulumi/kubernetes";
import { DATABASE_CA_CONFIGMAP } from "../database/bootstrap";
import { UIDS } from "../defaults";
import {
  readOnlyMount,
  resources,
  restrictedContainer,
  scratchVolume,
  secretFilesVolume,
  type Sizing,
} from "../pod";
import { workloadName, type DiffgramArgs } from "./args";
import { GCP_KEY_PATH, TRUST_BUNDLE_PATH, type DiffgramService } from "./env";

type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;

/** Volumes and mounts every Diffgram Python container has. */
export function pythonVolumes(
  service: DiffgramService,
  args: DiffgramArgs,
  storageSecret: string | undefined,
) {
  const volumes: Volume[] = [
    scratchVolume("tmp", "2Gi"),
    { name: "db-ca", configMap: { name: DATABASE_CA_CONFIGMAP, defaultMode: 0o444 } },
  ];
  const mounts: VolumeMount[] = [
    { name: "tmp", mountPath: "/tmp" },
    readOnlyMount("db-ca", "/etc/enclave/db-ca"),
  ];
  if (service === "default" || service === "walrus") {
    volumes.push(secretFilesVolume("tls", `${workloadName(service)}-tls`, ["tls.crt", "tls.key"]));
    mounts.push(readOnlyMount("tls", "/etc/enclave/tls"));
  }
  // Every service gets the trust bundle (trustBundleInit writes it): each one makes HTTPS calls
  // to internal-CA servers (Keycloak, walrus) or public ones, and requests reads REQUESTS_CA_BUNDLE.
  volumes.push(scratchVolume("trust", "8Mi"));
  volumes.push(
    secretFilesVolume("internal-ca", args.certificates.internalCaSecretName, ["ca.crt"]),
  );
  mounts.push(readOnlyMount("trust", "/etc/enclave/trust"));
  if (args.storage.provider === "gcp" && storageSecret) {
    volumes.push(secretFilesVolume("gcp-key", storageSecret, ["key.json"]));
    mounts.push(readOnlyMount("gcp-key", GCP_KEY_PATH.replace(/\/key\.json$/, "")));
  }
  return { volumes, mounts };
}

/**
 * Builds the CA bundle Python's requests uses: the image's own certifi roots plus the tenant's
 * internal CA (Keycloak and walrus serve internal certificates).
 */
export function trustBundleInit(image: string, sizing: Sizing): k8s.types.input.core.v1.Container {
  const script = `import certifi\nbundle = open(certifi.where()).read() + "\\n" + open("/etc/enclave/internal-ca/ca.crt").read()\nopen("${TRUST_BUNDLE_PATH}", "w").write(bundle)\n`;
  return {
    name: "trust-bundle",
    image,
    command: ["python3", "-c", script],
    env: [{ name: "PYTHONDONTWRITEBYTECODE", value: "1" }],
    resources: resources(sizing),
    securityContext: restrictedContainer(UIDS.diffgram),
    volumeMounts: [
      { name: "trust", mountPath: "/etc/enclave/trust" },
      readOnlyMount("internal-ca", "/etc/enclave/internal-ca"),
    ],
  };
}
