import * as pulumi from "@pulumi/pulumi";

export interface GkeKubeconfigArgs {
  readonly project: pulumi.Input<string>;
  readonly location: string;
  readonly clusterName: pulumi.Input<string>;
  /** The control plane's address (private unless the public endpoint is on). */
  readonly endpoint: pulumi.Input<string>;
  /** Base64 PEM of the cluster CA. */
  readonly caCertificate: pulumi.Input<string>;
}

/**
 * A kubeconfig (JSON) that authenticates with `gke-gcloud-auth-plugin`: no credential is stored,
 * the plugin mints a short-lived token from the caller's Google credentials at each run, and IAM
 * (plus Kubernetes RBAC) decides what that caller may do.
 *
 * Reachability: the endpoint is private by default, so whoever runs Pulumi or kubectl with this
 * config must be in the VPC or connected to it (VPN, Interconnect, a bastion) from an
 * enclave:allowlist.admin network.
 */
export function gkeKubeconfig(args: GkeKubeconfigArgs): pulumi.Output<string> {
  return pulumi
    .all([args.project, args.clusterName, args.endpoint, args.caCertificate])
    .apply(([project, clusterName, endpoint, ca]) => {
      const context = `gke_${project}_${args.location}_${clusterName}`;
      return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
          {
            name: context,
            cluster: { server: `https://${endpoint}`, "certificate-authority-data": ca },
          },
        ],
        contexts: [{ name: context, context: { cluster: context, user: context } }],
        "current-context": context,
        users: [
          {
            name: context,
            user: {
              exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "gke-gcloud-auth-plugin",
                installHint:
                  "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
                provideClusterInfo: true,
                interactiveMode: "Never",
              },
            },
          },
        ],
      });
    });
}
