import * as pulumi from "@pulumi/pulumi";

/** The audience EKS-issued service-account tokens carry for STS. */
export const IRSA_AUDIENCE = "sts.amazonaws.com";

/** `https://oidc.eks.<region>.amazonaws.com/id/ABC` -> `oidc.eks.<region>.amazonaws.com/id/ABC` */
export function issuerHostPath(issuerUrl: string): string {
  return issuerUrl.replace(/^https:\/\//, "");
}

/**
 * Trust policy of an IRSA role: only tokens the cluster's OIDC provider issued to exactly this
 * service account in exactly this namespace, for STS, may assume it.
 */
export function irsaTrustPolicy(
  oidcProviderArn: pulumi.Input<string>,
  oidcIssuerUrl: pulumi.Input<string>,
  namespace: string,
  serviceAccountName: string,
): pulumi.Output<string> {
  return pulumi.all([oidcProviderArn, oidcIssuerUrl]).apply(([providerArn, issuerUrl]) => {
    const host = issuerHostPath(issuerUrl);
    return JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ServiceAccountOnly",
          Effect: "Allow",
          Principal: { Federated: providerArn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${host}:sub`]: `system:serviceaccount:${namespace}:${serviceAccountName}`,
              [`${host}:aud`]: IRSA_AUDIENCE,
            },
          },
        },
      ],
    });
  });
}
