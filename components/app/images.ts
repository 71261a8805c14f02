/**
 * Every container image the app layer runs, pinned by digest, in one table. Override any of
 * them with `enclave:app.images.<name>` (for a private mirror, or a rebuilt image), always as
 * `<registry>/<repository>[:<tag>]@sha256:<64 hex>`.
 *
 * Provenance: the digests below were NOT pulled from the registries (this kit is built offline);
 * each is the digest that several public repositories pin for the tag in its comment. Verify them
 * before the first deployment, e.g. `crane digest <image>:<tag>` or
 * `docker buildx imagetools inspect <image>:<tag>`, and update them through a reviewed change.
 *
 * Diffgram publishes no digest that could be checked here, so its four images have NO default:
 * the operator pulls (or mirrors) them, scans them, and sets their digests in the stack config.
 */

/** `<registry>/<repository>[:<tag>]@sha256:<64 lower-case hex>`, with an explicit registry host. */
export const PINNED_IMAGE =
  /^(?<registry>(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d{1,5})?)\/(?<repository>[a-z0-9]+([._-]{1,2}[a-z0-9]+)*(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*)(:(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?@sha256:(?<digest>[a-f0-9]{64})$/;

export const IMAGE_NAMES = [
  "keycloak",
  "rabbitmq",
  "rabbitmqProxy",
  "traefik",
  "diffgramDefault",
  "diffgramWalrus",
  "diffgramEventhandlers",
  "diffgramFrontend",
  "certManagerController",
  "certManagerWebhook",
  "certManagerCainjector",
  "certManagerAcmesolver",
] as const;
export type ImageName = (typeof IMAGE_NAMES)[number];

export interface UpstreamImage {
  /** Repository with registry host, no tag. */
  readonly repository: string;
  readonly tag: string;
  /** `sha256:<hex>` when known; undefined when the operator must supply the pinned reference. */
  readonly digest: string | undefined;
}

export const UPSTREAM_IMAGES: Readonly<Record<ImageName, UpstreamImage>> = {
  // Keycloak 26.7.3 (quay.io/keycloak/keycloak:26.7.3), multi-arch index digest.
  keycloak: {
    repository: "quay.io/keycloak/keycloak",
    tag: "26.7.3",
    digest: "sha256:ff4257d0d64efbe99ed1ddfaf07765cc3c36dc7518bf8324d41961327f441c54",
  },
  // RabbitMQ 4.1 on Alpine, without the management plugin (docker.io/library/rabbitmq:4.1-alpine).
  rabbitmq: {
    repository: "docker.io/library/rabbitmq",
    tag: "4.1-alpine",
    digest: "sha256:d2baf254132a017d54f1bf546dbf827190f4063644065307d8fe7f9532106919",
  },
  // nginx 1.30.5 on Alpine (docker.io/library/nginx:1.30.5-alpine), the verifying TLS client proxy
  // beside every Diffgram pod (rabbitmq/client-proxy.ts; the image builds the stream module in). This
  // digest is the one six public files pin for the tag (a seventh pins it as 1.30-alpine); three other
  // digests of the tag appear once each (the tag is rebuilt on base-image updates). Verify it.
  rabbitmqProxy: {
    repository: "docker.io/library/nginx",
    tag: "1.30.5-alpine",
    digest: "sha256:0985e772fb9f729e6fa0980da05fca5d9c468e870eed43071545afa9d2e27d94",
  },
  // Traefik Proxy v3.7.11 (docker.io/library/traefik:v3.7.11), the ingress controller.
  traefik: {
    repository: "docker.io/library/traefik",
    tag: "v3.7.11",
    digest: "sha256:5203c3f39ca70de6790d964624e042463ffbd57715bc82be155cf224c0dd5144",
  },
  // Diffgram 1.25.3 (the latest tag; images built by diffgram/diffgram's publish workflow).
  diffgramDefault: { repository: "docker.io/diffgram/default", tag: "1.25.3", digest: undefined },
  diffgramWalrus: { repository: "docker.io/diffgram/walrus", tag: "1.25.3", digest: undefined },
  diffgramEventhandlers: {
    repository: "docker.io/diffgram/eventhandlers",
    tag: "1.25.3",
    digest: undefined,
  },
  diffgramFrontend: { repository: "docker.io/diffgram/frontend", tag: "1.25.3", digest: undefined },
  // cert-manager v1.19.1, used only when the layer installs it (components/app/cert-manager). Each
  // digest below is the one two unrelated public repositories pin for the tag.
  certManagerController: {
    repository: "quay.io/jetstack/cert-manager-controller",
    tag: "v1.19.1",
    digest: "sha256:cd49e769e18ada1fd7b9a9bacc87c90db24c65cbfd4bf71694dda7ed40e91187",
  },
  certManagerWebhook: {
    repository: "quay.io/jetstack/cert-manager-webhook",
    tag: "v1.19.1",
    digest: "sha256:f5bfe77541e38978aec53cc6eb924d190e1fe923c98b2582e6ccf5edf6c02cce",
  },
  certManagerCainjector: {
    repository: "quay.io/jetstack/cert-manager-cainjector",
    tag: "v1.19.1",
    digest: "sha256:c7898aece8fb08102fca0b37683e37cb94e0a77c0d15b8e3c9128f6c04c868e0",
  },
  // The ACME HTTP-01 solver: never run by the kit (its issuers solve DNS-01 only), but the
  // controller is given a pinned reference so no unpinned image could be started through it. This
  // digest is the one a single public repository pins for the tag: verify it before relying on it.
  certManagerAcmesolver: {
    repository: "quay.io/jetstack/cert-manager-acmesolver",
    tag: "v1.19.1",
    digest: "sha256:35ed1103cb49a3e1fc2438de84f304e3fbdeb53e0366f6b1bc2ec9b2e57462db",
  },
};

/** The pinned reference of an upstream image, or undefined when no digest is known. */
export function upstreamReference(name: ImageName): string | undefined {
  const image = UPSTREAM_IMAGES[name];
  return image.digest === undefined
    ? undefined
    : `${image.repository}:${image.tag}@${image.digest}`;
}

export function isPinnedImage(reference: string): boolean {
  return PINNED_IMAGE.test(reference);
}
