import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { UIDS } from "../defaults";
import {
  hardenedDeployment,
  readOnlyMount,
  resources,
  restrictedContainer,
  scratchVolume,
  secretFilesVolume,
  selectorLabels,
  workloadLabels,
  type Sizing,
} from "../pod";
import { DYNAMIC_DIR, dynamicConfigYaml, MIDDLEWARES, type DynamicConfigInput } from "./dynamic";

export const TRAEFIK_PORTS = { web: 8000, websecure: 8443, traefik: 8080 } as const;

export interface TraefikArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly image: string;
  readonly replicas: number;
  readonly sizing: Sizing;
  readonly dynamic: DynamicConfigInput;
  /** Source ranges of the LoadBalancer (users + admin allowlists). */
  readonly sourceRanges: readonly string[];
  readonly loadBalancerAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
  readonly internalCaSecretName: string;
  /** The public certificate's Secret (kubernetes.io/tls): the only Secret Traefik can read. */
  readonly tlsSecretName: string;
}

/**
 * The tenant's ingress controller: Traefik Proxy (maintained; ingress-nginx was retired in 2026),
 * as typed objects rather than a Helm chart. It serves HTTPS only (HTTP redirects), enforces the
 * allowlists per route, adds the security headers, and sits behind a LoadBalancer Service
 * restricted to the allowlisted sources with client addresses preserved
 * (externalTrafficPolicy: Local).
 *
 * It has no access to the Kubernetes API (no token, no Role): the internet-facing pod must not
 * read the credentials of the namespace. Traefik's Kubernetes providers (Ingress, CRD, Gateway)
 * start a list/watch informer on every Secret of each namespace they watch and wait for it to sync
 * (pkg/provider/kubernetes/ingress/client.go, WatchAll), and RBAC cannot narrow list/watch to
 * named Secrets (resourceNames limits only get and field-selected requests). So the routes, the
 * backends and the certificate come from the file provider instead: the routes as generated
 * configuration (a ConfigMap), the certificate as files of exactly one Secret, the public TLS
 * Secret, projected into the same watched directory so that a renewal reloads it. The kubelet,
 * not Traefik, reads that Secret.
 */
export class Traefik extends pulumi.ComponentResource {
  public readonly service: k8s.core.v1.Service;

  constructor(name: string, args: TraefikArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:Traefik", name, {}, opts);
    const workload = "traefik";
    const labels = workloadLabels(args.tenant, workload);
    const selector = selectorLabels(args.tenant, workload);
    const ns = args.namespace;

    // Its own identity, with no token and no role: not the namespace's default account.
    const sa = new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      { metadata: { name: workload, namespace: ns, labels }, automountServiceAccountToken: false },
      { parent: this },
    );
    const dynamic = new k8s.core.v1.ConfigMap(
      `${name}-dynamic`,
      {
        metadata: { name: "traefik-dynamic", namespace: ns, labels },
        data: { "dynamic.yml": dynamicConfigYaml(args.dynamic) },
      },
      { parent: this },
    );

    this.service = new k8s.core.v1.Service(
      `${name}-service`,
      {
        metadata: {
          name: workload,
          namespace: ns,
          labels,
          annotations: args.loadBalancerAnnotations,
        },
        spec: {
          type: "LoadBalancer",
          externalTrafficPolicy: "Local",
          loadBalancerSourceRanges: [...args.sourceRanges],
          selector,
          ports: [
            { name: "web", port: 80, targetPort: TRAEFIK_PORTS.web, protocol: "TCP" },
            { name: "websecure", port: 443, targetPort: TRAEFIK_PORTS.websecure, protocol: "TCP" },
          ],
        },
      },
      { parent: this },
    );

    const staticArgs = [
      "--global.checkNewVersion=false",
      "--global.sendAnonymousUsage=false",
      `--entryPoints.web.address=:${TRAEFIK_PORTS.web}/tcp`,
      `--entryPoints.websecure.address=:${TRAEFIK_PORTS.websecure}/tcp`,
      `--entryPoints.traefik.address=:${TRAEFIK_PORTS.traefik}/tcp`,
      "--entryPoints.web.http.redirections.entryPoint.to=:443",
      "--entryPoints.web.http.redirections.entryPoint.scheme=https",
      "--entryPoints.web.http.redirections.entryPoint.permanent=true",
      "--entryPoints.websecure.http.tls=true",
      `--entryPoints.websecure.http.middlewares=${MIDDLEWARES.securityHeaders}@file`,
      "--entryPoints.websecure.transport.respondingTimeouts.readTimeout=600s",
      "--ping=true",
      "--ping.entryPoint=traefik",
      `--providers.file.directory=${DYNAMIC_DIR}`,
      "--providers.file.watch=true",
      "--log.level=INFO",
      "--log.format=json",
      "--accessLog=true",
      "--accessLog.format=json",
    ];
    const probe = (failureThreshold: number): k8s.types.input.core.v1.Probe => ({
      httpGet: { path: "/ping", port: TRAEFIK_PORTS.traefik, scheme: "HTTP" },
      periodSeconds: 10,
      timeoutSeconds: 2,
      failureThreshold,
    });
    new k8s.apps.v1.Deployment(
      `${name}-deployment`,
      hardenedDeployment({
        workload,
        namespace: ns,
        labels,
        selector,
        replicas: args.replicas,
        serviceAccountName: sa.metadata.name,
        uid: UIDS.traefik,
        pod: {
          containers: [
            {
              name: workload,
              image: args.image,
              args: staticArgs,
              ports: [
                { name: "web", containerPort: TRAEFIK_PORTS.web },
                { name: "websecure", containerPort: TRAEFIK_PORTS.websecure },
                { name: "traefik", containerPort: TRAEFIK_PORTS.traefik },
              ],
              readinessProbe: probe(1),
              livenessProbe: probe(3),
              resources: resources(args.sizing),
              securityContext: restrictedContainer(UIDS.traefik),
              volumeMounts: [
                readOnlyMount("dynamic", DYNAMIC_DIR),
                readOnlyMount("internal-ca", "/etc/traefik/internal-ca"),
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            {
              // The routes and the public certificate in one directory: the file provider watches
              // it, and the kubelet's atomic update of either (a renewal) triggers a reload.
              // Optional: Traefik starts before the first certificate is issued (and serves none,
              // sniStrict), then picks it up.
              name: "dynamic",
              projected: {
                defaultMode: 0o440,
                sources: [
                  { configMap: { name: dynamic.metadata.name } },
                  {
                    secret: {
                      name: args.tlsSecretName,
                      optional: true,
                      items: [
                        { key: "tls.crt", path: "tls.crt" },
                        { key: "tls.key", path: "tls.key" },
                      ],
                    },
                  },
                ],
              },
            },
            secretFilesVolume("internal-ca", args.internalCaSecretName, ["ca.crt"]),
            scratchVolume("tmp", "64Mi"),
          ],
        },
      }),
      { parent: this, dependsOn: [dynamic] },
    );
    if (args.replicas > 1) {
      new k8s.policy.v1.PodDisruptionBudget(
        `${name}-pdb`,
        {
          metadata: { name: workload, namespace: ns, labels },
          spec: { minAvailable: 1, selector: { matchLabels: selector } },
        },
        { parent: this },
      );
    }
    this.registerOutputs({ service: this.service.metadata.name });
  }
}
