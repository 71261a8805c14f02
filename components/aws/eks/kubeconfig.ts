import * as pulumi from "@pulumi/pulumi";

export interface KubeconfigArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly endpoint: pulumi.Input<string>;
  readonly certificateAuthorityData: pulumi.Input<string>;
  readonly region: string;
  /** Role the token is minted for (it has an access entry); the caller must be able to assume it. */
  readonly roleArn: pulumi.Input<string>;
}

/**
 * A kubeconfig (JSON) that authenticates with `aws eks get-token`: no credential is stored, the
 * token is minted at each run for the admin role.
 *
 * Reachability: the cluster's API endpoint is private by default, so whoever runs Pulumi (or
 * kubectl with this config) must be inside the VPC or connected to it (VPN, Direct Connect,
 * peering) from an enclave:allowlist.admin network; with enclave:aws.publicApiEndpoint true it is
 * also reachable over the internet, from enclave:allowlist.admin only.
 */
export function kubeconfig(args: KubeconfigArgs): pulumi.Output<string> {
  return pulumi
    .all([args.clusterName, args.endpoint, args.certificateAuthorityData, args.roleArn])
    .apply(([clusterName, endpoint, caData, roleArn]) =>
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
          {
            name: clusterName,
            cluster: { server: endpoint, "certificate-authority-data": caData },
          },
        ],
        contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
        "current-context": clusterName,
        users: [
          {
            name: clusterName,
            user: {
              exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "aws",
                args: [
                  "eks",
                  "get-token",
                  "--cluster-name",
                  clusterName,
                  "--region",
                  args.region,
                  "--role-arn",
                  roleArn,
                  "--output",
                  "json",
                ],
                interactiveMode: "Never",
              },
            },
          },
        ],
      }),
    );
}
