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
import { dynamicConfigYaml, MIDDLEWARES, type DynamicConfigInput } from "./dynamic";

export const TRAEFIK_PORTS = { web: 8000, websecure: 8443, traefik: 8080 } as const;
/** The IngressClass controller string Traefik answers to. */
export const TRAEFIK_CONTROLLER = "traefik.io/ingress-controller";

/** Annotations on a backend Service: Traefik talks HTTPS to it and trusts only the internal CA. */
export function traefikBackendAnnotations(serviceName: string): Record<string, string> {
  return {
    "traefik.ingress.kubernetes.io/service.serversscheme": "https",
    "traefik.ingress.kubernetes.io/service.serverstransport": `${serviceName}@file`,
  };
}

export interface TraefikArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly image: string;
  readonly replicas: number;
  readonly ingressClassName: string;
  readonly sizing: Sizing;
  readonly dynamic: DynamicConfigInput;
  /** Source ranges of the LoadBalancer (users + admin allowlists). */
  readonly sourceRanges: readonly string[];
  readonly loadBalancerAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
  readonly internalCaSecretName: string;
}

/**
 * The tenant's ingress controller: Traefik Proxy (maintained; ingress-nginx was retired in 2026),
 * as typed objects rather than a Helm chart. It watches only the tenant namespace (namespaced Role;
 * a ClusterRole limited to reading IngressClasses and Nodes, which Traefik looks up cluster-wide),
 * serves HTTPS only (HTTP redirects), enforces the allowlists per route, adds the security headers,
 * and sits behind a LoadBalancer Service restricted to the allowlisted sources with client
 * addresses preserved (externalTrafficPolicy: Local).
 */
export class Traefik extends pulumi.ComponentResource {
  public readonly service: k8s.core.v1.Service;
  public readonly ingressClassName: string;

  constructor(name: string, args: TraefikArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:Traefik", name, {}, opts);
    const workload = "traefik";
    const labels = workloadLabels(args.tenant, workload);
    const selector = selectorLabels(args.tenant, workload);
    const ns = args.namespace;
    this.ingressClassName = args.ingressClassName;

    const sa = new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      { metadata: { name: workload, namespace: ns, labels }, automountServiceAccountToken: false },
      { parent: this },
    );
    const role = new k8s.rbac.v1.Role(
      `${name}-role`,
      {
        metadata: { name: workload, namespace: ns, labels },
        rules: [
          {
            apiGroups: [""],
            resources: ["services", "secrets", "configmaps"],
            verbs: ["get", "list", "watch"],
          },
          {
            apiGroups: ["discovery.k8s.io"],
            resources: ["endpointslices"],
            verbs: ["list", "watch"],
          },
          {
            apiGroups: ["networking.k8s.io"],
            resources: ["ingresses"],
            verbs: ["get", "list", "watch"],
          },
          { apiGroups: ["networking.k8s.io"], resources: ["ingresses/status"], verbs: ["update"] },
        ],
      },
      { parent: this },
    );
    new k8s.rbac.v1.RoleBinding(
      `${name}-rolebinding`,
      {
        metadata: { name: workload, namespace: ns, labels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
        subjects: [{ kind: "ServiceAccount", name: sa.metadata.name, namespace: ns }],
      },
      { parent: this },
    );
    // Cluster-scoped reads Traefik's Ingress provider needs (IngressClass lookup; nodes for
    // NodePort load balancing). Read-only, no Secrets.
    const clusterRole = new k8s.rbac.v1.ClusterRole(
      `${name}-clusterrole`,
      {
        metadata: { name: `enclave-${args.tenant}-traefik`, labels },
        rules: [
          {
            apiGroups: ["networking.k8s.io"],
            resources: ["ingressclasses"],
            verbs: ["get", "list", "watch"],
          },
          { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] },
        ],
      },
      { parent: this },
    );
    new k8s.rbac.v1.ClusterRoleBinding(
      `${name}-clusterrolebinding`,
      {
        metadata: { name: `enclave-${args.tenant}-traefik`, labels },
        roleRef: {
          apiGroup: "rbac.authorization.k8s.io",
          kind: "ClusterRole",
          name: clusterRole.metadata.name,
        },
        subjects: [{ kind: "ServiceAccount", name: sa.metadata.name, namespace: ns }],
      },
      { parent: this },
    );
    new k8s.networking.v1.IngressClass(
      `${name}-class`,
      {
        metadata: {
          name: args.ingressClassName,
          labels,
          annotations: { "ingressclass.kubernetes.io/is-default-class": "false" },
        },
        spec: { controller: TRAEFIK_CONTROLLER },
      },
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
      "--providers.kubernetesIngress=true",
      pulumi.interpolate`--providers.kubernetesIngress.namespaces=${ns}`,
      `--providers.kubernetesIngress.ingressClass=${args.ingressClassName}`,
      // Prefix paths match whole path elements, as the Ingress spec says (/api is not /apidocs).
      "--providers.kubernetesIngress.strictPrefixMatching=true",
      pulumi.interpolate`--providers.kubernetesIngress.ingressEndpoint.publishedService=${ns}/${workload}`,
      "--providers.file.directory=/etc/traefik/dynamic",
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
        // Traefik needs an API token: a short-lived, projected one (below) instead of the automount.
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
                readOnlyMount("api-token", "/var/run/secrets/kubernetes.io/serviceaccount"),
                readOnlyMount("dynamic", "/etc/traefik/dynamic"),
                readOnlyMount("internal-ca", "/etc/traefik/internal-ca"),
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            {
              name: "api-token",
              projected: {
                defaultMode: 0o444,
                sources: [
                  { serviceAccountToken: { path: "token", expirationSeconds: 3600 } },
                  {
                    configMap: {
                      name: "kube-root-ca.crt",
                      items: [{ key: "ca.crt", path: "ca.crt" }],
                    },
                  },
                  {
                    downwardAPI: {
                      items: [{ path: "namespace", fieldRef: { fieldPath: "metadata.namespace" } }],
                    },
                  },
                ],
              },
            },
            { name: "dynamic", configMap: { name: dynamic.metadata.name, defaultMode: 0o444 } },
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
    this.registerOutputs({
      service: this.service.metadata.name,
      ingressClassName: this.ingressClassName,
    });
  }
}
