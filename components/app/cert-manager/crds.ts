import type * as k8s from "@pulumi/kubernetes";

type CrdArgs = k8s.apiextensions.v1.CustomResourceDefinitionArgs;
type Column = k8s.types.input.apiextensions.v1.CustomResourceColumnDefinition;

/**
 * cert-manager's six CustomResourceDefinitions (API v1 only, as served by v1.19.1): names, scope,
 * short names, printer columns and the status subresource as upstream declares them.
 *
 * The schemas are NOT upstream's generated OpenAPI schemas (hundreds of kilobytes, which the kit
 * does not carry: it may not vendor upstream files, and no npm package ships them). Each declares
 * `spec` and `status` as objects whose fields the API server keeps as written
 * (x-kubernetes-preserve-unknown-fields); the content is validated by cert-manager's own
 * validating webhook (webhooks.ts: every CREATE and UPDATE of both groups, failurePolicy Fail),
 * which decodes each object into cert-manager's API types and refuses what they reject. What is
 * lost against upstream's CRDs: server-side pruning of unknown fields and `kubectl explain`.
 * docs/supply-chain.md says how to replace them with upstream's CRDs.
 */

const ready = (kind: "Ready" | "Approved" | "Denied"): Column => ({
  jsonPath: `.status.conditions[?(@.type == "${kind}")].status`,
  name: kind,
  type: "string",
});
const status = (priority?: number): Column => ({
  jsonPath: '.status.conditions[?(@.type == "Ready")].message',
  name: "Status",
  type: "string",
  ...(priority !== undefined ? { priority } : {}),
});
const age: Column = {
  description:
    "CreationTimestamp is a timestamp representing the server time when this object was created.",
  jsonPath: ".metadata.creationTimestamp",
  name: "Age",
  type: "date",
};

interface CrdShape {
  readonly group: "cert-manager.io" | "acme.cert-manager.io";
  readonly kind: string;
  readonly plural: string;
  readonly shortNames: string[];
  readonly scope: "Namespaced" | "Cluster";
  readonly categories: string[];
  readonly columns: Column[];
  /** Whether upstream's schema requires `spec`. */
  readonly specRequired: boolean;
}

const object = { type: "object", "x-kubernetes-preserve-unknown-fields": true } as const;

function crd(shape: CrdShape): CrdArgs {
  return {
    metadata: { name: `${shape.plural}.${shape.group}` },
    spec: {
      group: shape.group,
      names: {
        kind: shape.kind,
        listKind: `${shape.kind}List`,
        plural: shape.plural,
        singular: shape.kind.toLowerCase(),
        ...(shape.shortNames.length > 0 ? { shortNames: shape.shortNames } : {}),
        categories: shape.categories,
      },
      scope: shape.scope,
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          additionalPrinterColumns: shape.columns,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: "object",
              ...(shape.specRequired ? { required: ["spec"] } : {}),
              properties: {
                apiVersion: { type: "string" },
                kind: { type: "string" },
                metadata: { type: "object" },
                spec: { ...object },
                status: { ...object },
              },
            },
          },
        },
      ],
    },
  };
}

const CERT_MANAGER = ["cert-manager"];
const ACME = ["cert-manager", "cert-manager-acme"];

export const CERT_MANAGER_CRDS: readonly CrdArgs[] = [
  crd({
    group: "cert-manager.io",
    kind: "Certificate",
    plural: "certificates",
    shortNames: ["cert", "certs"],
    scope: "Namespaced",
    categories: CERT_MANAGER,
    specRequired: false,
    columns: [
      ready("Ready"),
      { jsonPath: ".spec.secretName", name: "Secret", type: "string" },
      { jsonPath: ".spec.issuerRef.name", name: "Issuer", priority: 1, type: "string" },
      status(1),
      age,
    ],
  }),
  crd({
    group: "cert-manager.io",
    kind: "CertificateRequest",
    plural: "certificaterequests",
    shortNames: ["cr", "crs"],
    scope: "Namespaced",
    categories: CERT_MANAGER,
    specRequired: false,
    columns: [
      ready("Approved"),
      ready("Denied"),
      ready("Ready"),
      { jsonPath: ".spec.issuerRef.name", name: "Issuer", type: "string" },
      { jsonPath: ".spec.username", name: "Requester", type: "string" },
      status(1),
      age,
    ],
  }),
  crd({
    group: "cert-manager.io",
    kind: "Issuer",
    plural: "issuers",
    shortNames: ["iss"],
    scope: "Namespaced",
    categories: CERT_MANAGER,
    specRequired: true,
    columns: [ready("Ready"), status(1), age],
  }),
  crd({
    group: "cert-manager.io",
    kind: "ClusterIssuer",
    plural: "clusterissuers",
    shortNames: ["ciss"],
    scope: "Cluster",
    categories: CERT_MANAGER,
    specRequired: true,
    columns: [ready("Ready"), status(1), age],
  }),
  crd({
    group: "acme.cert-manager.io",
    kind: "Order",
    plural: "orders",
    shortNames: [],
    scope: "Namespaced",
    categories: ACME,
    specRequired: true,
    columns: [
      { jsonPath: ".status.state", name: "State", type: "string" },
      { jsonPath: ".spec.issuerRef.name", name: "Issuer", priority: 1, type: "string" },
      { jsonPath: ".status.reason", name: "Reason", priority: 1, type: "string" },
      age,
    ],
  }),
  crd({
    group: "acme.cert-manager.io",
    kind: "Challenge",
    plural: "challenges",
    shortNames: [],
    scope: "Namespaced",
    categories: ACME,
    specRequired: true,
    columns: [
      { jsonPath: ".status.state", name: "State", type: "string" },
      { jsonPath: ".spec.dnsName", name: "Domain", type: "string" },
      { jsonPath: ".status.reason", name: "Reason", priority: 1, type: "string" },
      age,
    ],
  }),
];
