/**
 * Container image references, read as the container runtime reads them
 * (`[registry/]path[:tag][@digest]`, registry `docker.io` when the first component is not a host).
 */
export interface ImageReference {
  /** Normalised registry host (`docker.io` for Docker Hub, whatever alias was used). */
  readonly registry: string;
  /** Repository path, `library/` added for Docker Hub official images. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DOCKER_HUB_ALIASES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);
const DIGEST = /^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;

export function parseImage(image: string): ImageReference | undefined {
  const trimmed = image.trim();
  if (trimmed === "" || /\s/.test(trimmed)) {
    return undefined;
  }
  const at = trimmed.indexOf("@");
  const name = at >= 0 ? trimmed.slice(0, at) : trimmed;
  const digest = at >= 0 ? trimmed.slice(at + 1) : undefined;
  const slash = name.indexOf("/");
  const first = slash >= 0 ? name.slice(0, slash) : "";
  const isHost =
    slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  let registry = isHost ? first.toLowerCase() : "docker.io";
  let rest = isHost ? name.slice(slash + 1) : name;
  const colon = rest.lastIndexOf(":");
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  rest = colon >= 0 ? rest.slice(0, colon) : rest;
  if (rest === "") {
    return undefined;
  }
  if (DOCKER_HUB_ALIASES.has(registry)) {
    registry = "docker.io";
    if (!rest.includes("/")) {
      rest = `library/${rest}`;
    }
  }
  return {
    registry,
    path: rest,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** True when the reference pins content by a well-formed digest (`@sha256:<64 hex>`, ...). */
export function isPinnedByDigest(ref: ImageReference): boolean {
  return ref.digest !== undefined && DIGEST.test(ref.digest);
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*");
  return new RegExp(`^${escaped}$`);
}

/**
 * True when the image comes from an allowed source. An entry is a registry host (`ghcr.io`) or a
 * host with a path prefix (`ghcr.io/acme`); `*` matches within one component
 * (`*.dkr.ecr.*.amazonaws.com`). Docker Hub may be written `docker.io` or `index.docker.io`.
 */
export function isFromAllowedRegistry(ref: ImageReference, allowed: readonly string[]): boolean {
  const full = `${ref.registry}/${ref.path}`;
  return allowed.some((entry) => {
    const parts = entry.trim().replace(/\/+$/, "").split("/");
    const host = parts[0]!.toLowerCase();
    const normalisedHost = DOCKER_HUB_ALIASES.has(host) ? "docker.io" : host;
    const prefix = [normalisedHost, ...parts.slice(1)];
    const imageParts = full.split("/");
    if (prefix.length > imageParts.length || prefix[0] === "") {
      return false;
    }
    return prefix.every((p, i) => globToRegExp(p).test(imageParts[i]!));
  });
}
