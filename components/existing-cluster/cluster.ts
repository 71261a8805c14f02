import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface ExistingClusterArgs {
  /** kubeconfig context; undefined: the kubeconfig's current context. */
  readonly context?: string;
  /** Path of the kubeconfig file; undefined: $KUBECONFIG or ~/.kube/config. */
  readonly kubeconfigPath?: string;
  /** Namespace where the operator keeps the connection Secrets. */
  readonly secretsNamespace: string;
  /** Secret with the PostgreSQL administrator's `username`, `password` and the server CA `ca.crt`. */
  readonly databaseSecretName: string;
}

/**
 * An existing cluster reached by kubeconfig (on-prem, air-gapped, SCIF). Creates nothing in the
 * cluster: it makes the provider every Kubernetes object of the stack uses, and reads the CA of
 * the operator's PostgreSQL server from the operator's Secret (the CA is public; the credentials in
 * the same Secret stay there and are copied, as Pulumi secrets, only where the bootstrap job needs them).
 */
export class ExistingCluster extends pulumi.ComponentResource {
  public readonly provider: k8s.Provider;
  /** PEM of the CA that signs the PostgreSQL server certificate. */
  public readonly databaseCaPem: pulumi.Output<string>;

  constructor(name: string, args: ExistingClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:ExistingCluster", name, {}, opts);
    this.provider = new k8s.Provider(
      `${name}-provider`,
      {
        ...(args.context ? { context: args.context } : {}),
        ...(args.kubeconfigPath ? { kubeconfig: args.kubeconfigPath } : {}),
        enableServerSideApply: true,
        deleteUnreachable: false,
      },
      { parent: this },
    );
    const databaseSecret = k8s.core.v1.Secret.get(
      `${name}-database-secret`,
      `${args.secretsNamespace}/${args.databaseSecretName}`,
      { parent: this, provider: this.provider },
    );
    // A missing ca.crt leaves the bundle empty: every client then refuses the server (TLS fails
    // closed); it never falls back to an unverified connection.
    this.databaseCaPem = pulumi.unsecret(
      databaseSecret.data.apply((data) => {
        const ca = data?.["ca.crt"];
        return ca ? Buffer.from(ca, "base64").toString("utf8") : "";
      }),
    );
    this.registerOutputs({ databaseCaPem: this.databaseCaPem });
  }
}
